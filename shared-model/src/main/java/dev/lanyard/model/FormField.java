package dev.lanyard.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A question on the walk-in form beyond name, email, phone and company. Answers are stored in
 * a participant's custom answers under {@code id}.
 */
public record FormField(String id, String label, String type, boolean required, List<String> options) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    public static final List<String> TYPES = List.of("text", "email", "phone", "choice", "checkbox");
    /** An option is shown on every door's walk-in form like a label, and bounded like one. */
    public static final int MAX_OPTION_LENGTH = 200;

    public FormField {
        Require.text(id, "id", 40);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be lower-case letters, digits and _ (starting with a letter): "
                    + id);
        }
        Require.text(label, "label", 200);
        type = type == null ? "text" : type;
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("type must be one of " + TYPES + ", not " + TicketCodes.printable(type));
        }
        options = options == null ? List.of() : List.copyOf(Require.atMost(options, 100, "options"));
        for (String option : options) {
            Require.text(option, "options", MAX_OPTION_LENGTH);
        }
        if (new java.util.HashSet<>(options).size() < options.size()) {
            throw new IllegalArgumentException("options must differ: an option is given twice");
        }
        if (type.equals("choice") && options.isEmpty()) {
            throw new IllegalArgumentException("options are required for a choice field");
        }
    }
}
