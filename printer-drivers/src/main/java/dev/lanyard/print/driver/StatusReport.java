package dev.lanyard.print.driver;

import dev.lanyard.print.model.HumanMessage;
import java.util.List;

/**
 * A printer status in protocol-neutral terms: the problems found (empty when fine), the first
 * one typed, a media mismatch message if any, and a full explanation for the status command.
 */
public record StatusReport(List<PrinterProblem> problems, List<HumanMessage> messages, String explanation,
        LoadedRoll loaded) {
    public StatusReport {
        problems = List.copyOf(problems);
        messages = List.copyOf(messages);
        if (loaded == null) {
            throw new
                    IllegalArgumentException("a status report says what is loaded, or that the printer does not tell");
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
