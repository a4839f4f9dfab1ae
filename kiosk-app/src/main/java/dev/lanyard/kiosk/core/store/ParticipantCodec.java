package dev.lanyard.kiosk.core.store;

import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.clock.Hlc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stored form of a participant (before sealing): a compact binary record instead of its
 * JSON. A participant's JSON is ~700 bytes, most of it the field names of its LWW stamps; this
 * form is ~250, and H2's cost of writing a row, the cipher's and the unlock-time decode all
 * scale with it (a 100k bootstrap writes every byte about twice, ADR 0311).
 *
 * <p>Layout (version 1): version byte; id and event id (16 bytes each); a presence bitmask;
 * present optional fields; custom answers (count, key, value...); stamps (count, then field,
 * wall as a zig-zag delta from the previous stamp's wall, counter, node as an index into the
 * nodes seen so far or a new string). Strings are a varint byte length and UTF-8.
 * {@code ParticipantCodecTest} fails when {@link Participant} gains a component this codec
 * does not write.
 */
final class ParticipantCodec {
    static final byte VERSION = 1;
    private static final int NAME = 1;
    private static final int EMAIL = 1 << 1;
    private static final int PHONE = 1 << 2;
    private static final int COMPANY = 1 << 3;
    private static final int REGISTRATION_NUMBER = 1 << 4;
    private static final int TICKET_CODE = 1 << 5;
    private static final int MERGED_INTO = 1 << 6;

    private ParticipantCodec() {
    }

    static byte[] encode(Participant p) {
        RecordBytes.Out out = new RecordBytes.Out(160);
        out.put(VERSION);
        out.uuid(p.id());
        out.uuid(p.eventId());
        int present = (p.name() != null ? NAME : 0) | (p.email() != null ? EMAIL : 0) | (p.phone() != null ? PHONE : 0)
                | (p.company() != null ? COMPANY : 0) | (p.registrationNumber() != null ? REGISTRATION_NUMBER : 0)
                | (p.ticketCode() != null ? TICKET_CODE : 0) | (p.mergedInto() != null ? MERGED_INTO : 0);
        out.varint(present);
        if (p.name() != null) {
            out.string(p.name());
        }
        if (p.email() != null) {
            out.string(p.email());
        }
        if (p.phone() != null) {
            out.string(p.phone());
        }
        if (p.company() != null) {
            out.string(p.company());
        }
        if (p.registrationNumber() != null) {
            out.varlong(RecordBytes.zigzag(p.registrationNumber()));
        }
        if (p.ticketCode() != null) {
            out.string(p.ticketCode());
        }
        if (p.mergedInto() != null) {
            out.uuid(p.mergedInto());
        }
        out.string(p.registrationStatus().wire());
        out.string(p.source().wire());
        out.varint(p.customAnswers().size());
        for (Map.Entry<String, String> answer : p.customAnswers().entrySet()) {
            out.string(answer.getKey());
            out.string(answer.getValue());
        }
        out.varint(p.stamps().size());
        List<String> nodes = new ArrayList<>(2);
        long previousWall = 0;
        for (Map.Entry<String, Hlc> stamp : p.stamps().entrySet()) {
            Hlc hlc = stamp.getValue();
            out.string(stamp.getKey());
            out.varlong(RecordBytes.zigzag(hlc.wall() - previousWall));
            previousWall = hlc.wall();
            out.varint(hlc.counter());
            int node = nodes.indexOf(hlc.node());
            out.varint(node + 1);
            if (node < 0) {
                out.string(hlc.node());
                nodes.add(hlc.node());
            }
        }
        return out.bytes();
    }

    static Participant decode(byte[] bytes) {
        RecordBytes.In in = new RecordBytes.In(bytes, "participant record");
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("participant record version " + version + " is not known to this build");
        }
        UUID id = in.uuid();
        UUID eventId = in.uuid();
        int present = in.varint();
        String name = (present & NAME) != 0 ? in.string() : null;
        String email = (present & EMAIL) != 0 ? in.string() : null;
        String phone = (present & PHONE) != 0 ? in.string() : null;
        String company = (present & COMPANY) != 0 ? in.string() : null;
        Integer registrationNumber = (present & REGISTRATION_NUMBER) != 0
                ? (int) RecordBytes.unzigzag(in.varlong()) : null;
        String ticketCode = (present & TICKET_CODE) != 0 ? in.string() : null;
        UUID mergedInto = (present & MERGED_INTO) != 0 ? in.uuid() : null;
        RegistrationStatus status = RegistrationStatus.from(in.string());
        ParticipantSource source = ParticipantSource.from(in.string());
        int answerCount = in.varint();
        Map<String, String> answers = new HashMap<>(answerCount * 2);
        for (int i = 0; i < answerCount; i++) {
            answers.put(in.string(), in.string());
        }
        int stampCount = in.varint();
        Map<String, Hlc> stamps = new HashMap<>(stampCount * 2);
        List<String> nodes = new ArrayList<>(2);
        long wall = 0;
        for (int i = 0; i < stampCount; i++) {
            String field = in.string();
            wall += RecordBytes.unzigzag(in.varlong());
            int counter = in.varint();
            int node = in.varint();
            String nodeName;
            if (node == 0) {
                nodeName = in.string();
                nodes.add(nodeName);
            } else {
                nodeName = nodes.get(node - 1);
            }
            stamps.put(field, new Hlc(wall, counter, nodeName));
        }
        if (!in.atEnd()) {
            throw new IllegalStateException("participant record has " + in.remaining() + " bytes left over");
        }
        return new Participant(id, eventId, name, email, phone, company, answers, registrationNumber, ticketCode,
                status, source,
                mergedInto, stamps);
    }
}
