package dev.lanyard.kiosk.core.checkin;

import java.util.Map;

/**
 * A walk-in registration as staff typed it.
 *
 * @param answers answers to the event's walk-in form fields, by form field id
 */
public record WalkIn(String name, String email, String phone, String company, Map<String, String> answers) {
    public WalkIn {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }
}
