package dev.lanyard.server.csv;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which column of an attendee export holds which participant field. Recognises pretix and
 * Eventbrite attendee exports and a plain {@code name,email,company,phone} file, in English or
 * Korean headers; matching ignores case, spaces and punctuation.
 */
public record ColumnMapping(Integer name, Integer firstName, Integer lastName, Integer email, Integer company,
                            Integer phone,
                            Integer ticketCode, Integer registrationNumber, Integer status, String format) {

    private static final Map<String, List<String>> SYNONYMS = Map.of(
            "name", List.of("name", "fullname", "attendeename", "participantname", "이름", "성명"),
            "firstName", List.of("firstname", "givenname", "attendeenamegivenname", "attendeefirstname", "이름명"),
            "lastName", List.of("lastname", "familyname", "surname", "attendeenamefamilyname", "attendeelastname", "성"),
            "email", List.of("email", "emailaddress", "attendeeemail", "mail", "이메일", "전자우편"),
            "company", List.of("company", "companyname", "organization", "organisation", "attendeecompany", "회사", "소속",
            "회사명"),
            "phone", List.of("phone", "phonenumber", "mobile", "mobilephone", "telephone", "attendeephone",
            "cellphone", "전화번호", "연락처", "휴대폰"),
            "ticketCode", List.of("ticketcode", "secret", "ticketsecret", "barcode", "barcodenumber", "qrcode",
            "ticket", "티켓코드"),
            "registrationNumber", List.of("registrationnumber", "attendee", "attendeeno", "attendeenumber", "no", "번호",
            "등록번호"),
            "status", List.of("status", "attendeestatus", "registrationstatus", "orderstatus", "상태"));

    /** The fields a column can hold, in the order a person choosing them by hand sees them. */
    public static final List<String> FIELDS = List.of("name", "firstName", "lastName", "email", "company", "phone",
            "ticketCode", "registrationNumber", "status");

    /** The column holding {@code field} (one of {@link #FIELDS}), or null. */
    public Integer column(String field) {
        return switch (field) {
            case "name" -> name;
            case "firstName" -> firstName;
            case "lastName" -> lastName;
            case "email" -> email;
            case "company" -> company;
            case "phone" -> phone;
            case "ticketCode" -> ticketCode;
            case "registrationNumber" -> registrationNumber;
            case "status" -> status;
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
    }

    /** A mapping chosen by hand: field to column; fields not named are not read. */
    public static ColumnMapping chosen(Map<String, Integer> columns) {
        return new ColumnMapping(columns.get("name"), columns.get("firstName"), columns.get("lastName"),
                columns.get("email"), columns.get("company"), columns.get("phone"), columns.get("ticketCode"),
                columns.get("registrationNumber"), columns.get("status"), "chosen");
    }

    public static ColumnMapping of(List<String> headers) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            byKey.putIfAbsent(normalize(headers.get(i)), i);
        }
        Integer name = find(byKey, "name");
        Integer first = find(byKey, "firstName");
        Integer last = find(byKey, "lastName");
        String format = byKey.containsKey("barcode") || byKey.containsKey("attendee") ? "eventbrite"
                : byKey.containsKey("secret") || byKey.containsKey("ordercode") || byKey.containsKey("attendeename")
                ? "pretix" : "plain";
        return new ColumnMapping(name, first, last, find(byKey, "email"), find(byKey, "company"), find(byKey, "phone"),
                find(byKey, "ticketCode"), find(byKey, "registrationNumber"), find(byKey, "status"), format);
    }

    private static Integer find(Map<String, Integer> byKey, String field) {
        for (String synonym : SYNONYMS.get(field)) {
            Integer index = byKey.get(synonym);
            if (index != null) {
                return index;
            }
        }
        return null;
    }

    static String normalize(String header) {
        String n = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        n.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    public boolean hasName() {
        return name != null || firstName != null || lastName != null;
    }

    public Optional<String> nameOf(List<String> row) {
        String full = cell(row, name);
        if (full != null) {
            return Optional.of(full);
        }
        String joined = ((cell(row, firstName) == null ? "" : cell(row, firstName)) + " "
                + (cell(row, lastName) == null ? "" : cell(row, lastName))).trim();
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    public static String cell(List<String> row, Integer index) {
        if (index == null || index >= row.size()) {
            return null;
        }
        String value = row.get(index).strip();
        return value.isEmpty() ? null : value;
    }
}
