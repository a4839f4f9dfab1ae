package dev.lanyard.rehearsal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The readiness report: one {@code name: value unit} line per figure (what scripts and the
 * bench read), then a few sentences for the host and the verdict, READY or NOT READY with the
 * reasons.
 */
final class Report {
    record Figure(String name, double value, String unit) {
        String line() {
            return name + ": " + format(value) + " " + unit;
        }
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    void add(String name, double value, String unit) {
        figures.put(name, new Figure(name, value, unit));
    }

    /** Something that makes the venue not ready. */
    void fail(String reason) {
        reasons.add(reason);
    }

    void say(String sentence) {
        summary.add(sentence);
    }

    double value(String name) {
        Figure f = figures.get(name);
        return f == null ? Double.NaN : f.value();
    }

    boolean ready() {
        return reasons.isEmpty();
    }

    List<String> reasons() {
        return List.copyOf(reasons);
    }

    List<Figure> figures() {
        return List.copyOf(figures.values());
    }

    void print(PrintStream out) {
        figures.values().forEach(f -> out.println(f.line()));
        out.println();
        summary.forEach(s -> out.println("  " + s));
        out.println();
        if (ready()) {
            out.println("VERDICT: READY");
        } else {
            out.println("VERDICT: NOT READY");
            reasons.forEach(r -> out.println("  - " + r));
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }
}
