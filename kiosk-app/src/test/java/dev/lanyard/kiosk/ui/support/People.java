package dev.lanyard.kiosk.ui.support;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.EventFeatures;
import dev.lanyard.model.EventStatus;
import dev.lanyard.model.FormField;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.TicketCodes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Realistic attendees, Korean and English, for UI tests and screenshots. */
public final class People {
    private static final String[] KO_FAMILY = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신",
            "권"};
    private static final String[] KO_GIVEN = {"민준", "서연", "지우", "하은", "도윤", "수아", "예준", "지민", "시우", "서윤", "주원", "하린",
            "지호", "채원", "은우"};
    private static final String[] EN_GIVEN = {"Olivia", "Liam", "Emma", "Noah", "Ava", "James", "Sophia", "Lucas",
            "Mia", "Ethan", "Grace", "Daniel"};
    private static final String[] EN_FAMILY = {"Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson",
            "Taylor", "Clark", "Lewis"};
    private static final String[] COMPANIES = {"네이버", "카카오", "삼성전자", "LG CNS", "Toss", "Acme Corp", "Hanbit Media",
            "Coupang", "우아한형제들", "Line Plus"};

    private People() {
    }

    public static Event event(ReentryPolicy policy) {
        FormField role = new FormField("role", "Role / 역할", "choice", false,
                List.of("Attendee", "Speaker", "Sponsor", "Press"));
        FormField diet = new FormField("diet", "Dietary needs / 식단", "text", false, null);
        return new Event(Ids.newId(), "Lanyard Events", "Lanyard Dev Summit 2025 서울", null, null, Seed.DAY1,
                Seed.DAY1.plusDays(1),
                ZoneId.of("Asia/Seoul"), null, 5000, EventStatus.IN_PROGRESS,
                new EventFeatures(true, true, false, true), policy,
                List.of(role, diet), null, null, Instant.EPOCH, Instant.EPOCH, null);
    }

    /** {@code count} participants: every other one Korean; the first three are fixed so tests can find them. */
    public static List<Participant> participants(UUID eventId, int count, long seed) {
        Random random = new Random(seed);
        List<Participant> out = new ArrayList<>();
        out.add(person(eventId, "홍길동", "gildong@example.com", "Lanyard 주식회사", 1, random));
        out.add(person(eventId, "Olivia Park", "olivia.park@example.com", "Acme Corp", 2, random));
        out.add(person(eventId, "김서연", "seoyeon.kim@example.com", "카카오", 3, random));
        for (int i = out.size(); i < count; i++) {
            String name;
            String email;
            if (i % 2 == 0) {
                name = KO_FAMILY[random.nextInt(KO_FAMILY.length)] + KO_GIVEN[random.nextInt(KO_GIVEN.length)];
                email = "user" + i + "@example.kr";
            } else {
                String given = EN_GIVEN[random.nextInt(EN_GIVEN.length)];
                String family = EN_FAMILY[random.nextInt(EN_FAMILY.length)];
                name = given + " " + family;
                email = given.toLowerCase() + "." + family.toLowerCase() + i + "@example.com";
            }
            out.add(person(eventId, name, email, COMPANIES[random.nextInt(COMPANIES.length)], i + 1, random));
        }
        return out;
    }

    static Participant person(UUID eventId, String name, String email, String company, int regNo, Random random) {
        Map<String, String> fields = new HashMap<>();
        fields.put("name", name);
        fields.put("email", email);
        fields.put("company", company);
        fields.put("registrationNumber", Integer.toString(regNo));
        fields.put("ticketCode", TicketCodes.generate(random));
        return Seed.fromServer(eventId, Ids.newId(), fields);
    }
}
