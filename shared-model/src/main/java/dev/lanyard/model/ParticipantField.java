package dev.lanyard.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The last-writer-wins registers of a participant, by wire name. Custom answers are registers
 * too, named {@code custom.<formFieldId>}. {@code anonymized} is the tombstone: it can only be
 * set, and while it is set the personal registers (name, email, phone, company, custom answers)
 * hold what it dictates (see {@code ParticipantMerge}).
 */
public enum ParticipantField {
    NAME("name"), EMAIL("email"), PHONE("phone"), COMPANY("company"),
    REGISTRATION_NUMBER("registrationNumber"), TICKET_CODE("ticketCode"),
    REGISTRATION_STATUS("registrationStatus"), SOURCE("source"), MERGED_INTO("mergedInto"), ANONYMIZED("anonymized");

    public static final String CUSTOM_PREFIX = "custom.";
    public static final int MAX_TEXT = 200;
    private static final Pattern CUSTOM_ID = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Map<String, ParticipantField> BY_WIRE = new HashMap<>();

    static {
        for (ParticipantField field : values()) {
            BY_WIRE.put(field.wire, field);
        }
    }

    private final String wire;

    ParticipantField(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ParticipantField> byWire(String name) {
        return Optional.ofNullable(BY_WIRE.get(name));
    }

    public static boolean isCustom(String name) {
        return name.startsWith(CUSTOM_PREFIX) && CUSTOM_ID.matcher(name.substring(CUSTOM_PREFIX.length())).matches();
    }

    /**
     * Checks one field of a patch; the message names it. Null always means "clear the field",
     * except for the fields a participant cannot be without.
     */
    public static void validate(String name, String value) {
        String field = "fields." + name;
        Optional<ParticipantField> known = byWire(name);
        if (known.isEmpty()) {
            if (!isCustom(name)) {
                // a newer door's field, not a wrong one: answered not_understood (ADR 0336)
                throw new UnknownWireValueException(field + " is not a participant field (known: "
                        + Arrays.stream(values()).map(ParticipantField::wire).toList() + " and custom.<id>)");
            }
            Require.optionalText(value, field, 2_000);
            return;
        }
        switch (known.get()) {
            case NAME -> Require.text(value, field, MAX_TEXT);
            case EMAIL -> Require.optionalEmail(value, field);
            case PHONE -> Require.optionalText(value, field, 40);
            case COMPANY -> Require.optionalText(value, field, MAX_TEXT);
            case REGISTRATION_NUMBER -> {
                if (value != null) {
                    try {
                        if (Integer.parseInt(value.trim()) < 0) {
                            throw new IllegalArgumentException(field + " must not be negative");
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(field + " must be a whole number, not "
                                + TicketCodes.printable(value));
                    }
                }
            }
            case TICKET_CODE -> Require.text(value, field, 128);
            case REGISTRATION_STATUS -> WireEnum.parse(RegistrationStatus.class, value, field);
            case SOURCE -> WireEnum.parse(ParticipantSource.class, value, field);
            case MERGED_INTO -> {
                if (value != null) {
                    try {
                        UUID.fromString(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(field + " must be a participant id");
                    }
                }
            }
            case ANONYMIZED -> {
                if (!"true".equals(value)) {
                    throw new IllegalArgumentException(field + " can only be true: anonymization cannot be undone");
                }
            }
            default -> throw new IllegalStateException("unhandled field " + name);
        }
    }

    /** The current value of a register, as a patch would carry it. */
    public static String read(Participant p, String name) {
        Optional<ParticipantField> known = byWire(name);
        if (known.isEmpty()) {
            return p.customAnswers().get(name.substring(CUSTOM_PREFIX.length()));
        }
        return switch (known.get()) {
            case NAME -> p.name();
            case EMAIL -> p.email();
            case PHONE -> p.phone();
            case COMPANY -> p.company();
            case REGISTRATION_NUMBER -> p.registrationNumber() == null ? null : p.registrationNumber().toString();
            case TICKET_CODE -> p.ticketCode();
            case REGISTRATION_STATUS -> p.registrationStatus().wire();
            case SOURCE -> p.source().wire();
            case MERGED_INTO -> p.mergedInto() == null ? null : p.mergedInto().toString();
            case ANONYMIZED -> p.anonymized() ? "true" : null;
        };
    }

    /** A copy of {@code p} with one register set to {@code value} and stamped. */
    public static Participant write(Participant p, String name, String value, dev.lanyard.model.clock.Hlc stamp) {
        Map<String, dev.lanyard.model.clock.Hlc> stamps = new TreeMap<>(p.stamps());
        stamps.put(name, stamp);
        Optional<ParticipantField> known = byWire(name);
        if (known.isEmpty()) {
            Map<String, String> custom = new TreeMap<>(p.customAnswers());
            String key = name.substring(CUSTOM_PREFIX.length());
            if (value == null) {
                custom.remove(key);
            } else {
                custom.put(key, value);
            }
            return new Participant(p.id(), p.eventId(), p.name(), p.email(), p.phone(), p.company(), custom,
                    p.registrationNumber(), p.ticketCode(), p.registrationStatus(), p.source(), p.mergedInto(), stamps);
        }
        if (known.get() == ANONYMIZED) {
            if (!"true".equals(value)) {
                throw new IllegalArgumentException("anonymized can only be set, not cleared");
            }
            return new Participant(p.id(), p.eventId(), p.name(), p.email(), p.phone(), p.company(), p.customAnswers(),
                    p.registrationNumber(), p.ticketCode(), p.registrationStatus(), p.source(), p.mergedInto(), stamps);
        }
        String name_ = known.get() == NAME ? value : p.name();
        String email = known.get() == EMAIL ? value : p.email();
        String phone = known.get() == PHONE ? value : p.phone();
        String company = known.get() == COMPANY ? value : p.company();
        Integer number = known.get() == REGISTRATION_NUMBER ? (value == null ? null : Integer.valueOf(value.trim()))
                : p.registrationNumber();
        String ticket = known.get() == TICKET_CODE ? value : p.ticketCode();
        RegistrationStatus status = known.get() == REGISTRATION_STATUS
                ? (value == null ? null : RegistrationStatus.from(value)) : p.registrationStatus();
        ParticipantSource source = known.get() == SOURCE ? (value == null ? null : ParticipantSource.from(value))
                : p.source();
        UUID merged = known.get() == MERGED_INTO ? (value == null ? null : UUID.fromString(value)) : p.mergedInto();
        return new Participant(p.id(), p.eventId(), name_, email, phone, company, p.customAnswers(), number, ticket,
                status, source, merged, stamps);
    }
}
