package dev.lanyard.server.demo;

import dev.lanyard.model.TicketCodes;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A realistic guest list for the demo: Korean and English names, companies, emails and phone
 * numbers, written as the plain CSV an organizer would import. Seeded, so a demo folder made
 * twice holds the same people (ticket codes still come from {@link TicketCodes}).
 */
public final class DemoAttendees {
    private static final String[] KO_SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신",
            "권", "황", "안", "송", "류", "홍"};
    private static final String[] KO_GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "주원", "서윤", "하준", "지민", "예준", "수아",
            "지호", "채원", "현우", "다은", "건우", "은서", "우진", "예린", "길동", "성민", "혜진", "재현", "유나", "태윤", "소율", "준서"};
    private static final String[] KO_ROMAN_SURNAMES = {"kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon",
            "jang", "lim", "han", "oh",
            "seo", "shin", "kwon", "hwang", "ahn", "song", "ryu", "hong"};
    private static final String[] EN_FIRST = {"Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Lucas",
            "Mia", "Mason", "Zoë",
            "James", "Amelia", "Benjamin", "Chloé", "Daniel", "Grace", "Henry", "Isabel", "Jack", "Léa", "Mateo"};
    private static final String[] EN_LAST = {"Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Clark",
            "Lewis", "Walker", "Young",
            "Ångström", "Müller", "O'Brien", "Nguyen", "Kowalski", "Rossi", "Fernández", "Park", "Kim", "Lee"};
    private static final String[] COMPANIES = {"삼성전자", "네이버", "카카오", "LG CNS", "현대자동차", "우아한형제들", "토스", "쿠팡", "라인플러스",
            "Acme Corp", "Hanbit Media", "Globex", "Initech", "Umbrella Labs", "Lanyard", "Stark Industries",
            "Wayne Enterprises", ""};
    private static final String[] DOMAINS = {"example.com", "example.kr", "mail.example.org", "corp.example.net"};

    public record Attendee(String name, String email, String company, String phone, String ticketCode) {
    }

    private DemoAttendees() {
    }

    public static List<Attendee> generate(int count, long seed) {
        Random random = new Random(seed);
        Set<String> emails = new HashSet<>();
        List<Attendee> out = new ArrayList<>(count);
        while (out.size() < count) {
            boolean korean = random.nextInt(100) < 60;
            String name;
            String local;
            if (korean) {
                int s = random.nextInt(KO_SURNAMES.length);
                String given = KO_GIVEN[random.nextInt(KO_GIVEN.length)];
                name = KO_SURNAMES[s] + given;
                local = KO_ROMAN_SURNAMES[s] + "." + Integer.toString(Math.abs(given.hashCode()) % 10_000, 36);
            } else {
                String first = EN_FIRST[random.nextInt(EN_FIRST.length)];
                String last = EN_LAST[random.nextInt(EN_LAST.length)];
                name = first + " " + last;
                local = ascii(first) + "." + ascii(last);
            }
            String email = local + (random.nextInt(90) + 10) + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
            if (!emails.add(email)) {
                continue;
            }
            String company = COMPANIES[random.nextInt(COMPANIES.length)];
            String phone = random.nextInt(4) == 0 ? "" : String.format("010-%04d-%04d", random.nextInt(10_000),
                    random.nextInt(10_000));
            out.add(new Attendee(name, email, company, phone, TicketCodes.generate()));
        }
        return out;
    }

    /** The list as a plain {@code name,email,company,phone,ticket_code} CSV in UTF-8. */
    public static byte[] csv(List<Attendee> attendees) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT.builder()
                .setHeader("name", "email", "company", "phone", "ticket_code").get())) {
            for (Attendee a : attendees) {
                printer.printRecord(a.name(), a.email(), a.company(), a.phone(), a.ticketCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String ascii(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
    }
}
