package dev.lanyard.print.badge;

import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits text into a box: one line, shrunk as far as {@code minPx}; else two lines broken at the
 * most balanced space (or between characters when there is none, as in a Korean name); else two
 * lines at the smallest size with the second cut and ended with "…". Advances scale linearly with
 * size under fractional metrics, so sizes are solved from one measurement, not searched.
 */
public final class TextFitter {
    private static final float REF_PX = 100f;
    private static final String ELLIPSIS = "…";
    /** One line is kept while it is at least this share of the largest size; below, two lines may read better. */
    private static final float ONE_LINE_PREFERENCE = 0.6f;

    private final FontSet fonts;
    private final FontRenderContext frc;

    public TextFitter(FontSet fonts, FontRenderContext frc) {
        this.fonts = fonts;
        this.frc = frc;
    }

    public FittedText fit(String text, boolean bold, float boxWidth, float boxHeight, float maxPx, float minPx,
            int maxLines) {
        Metrics one = measure(text, bold);
        float lineHeight = one.height();
        float oneLine = Math.min(maxPx, Math.min(boxWidth / one.width() * REF_PX, boxHeight / lineHeight * REF_PX))
                * 0.995f;
        if (oneLine >= minPx && (maxLines == 1 || oneLine >= maxPx * ONE_LINE_PREFERENCE)) {
            return new FittedText(List.of(text), oneLine, false);
        }
        if (maxLines >= 2) {
            String[] split = bestSplit(text, bold);
            if (split != null) {
                float widest = Math.max(measure(split[0], bold).width(), measure(split[1], bold).width());
                float twoLines = Math.min(maxPx, Math.min(boxWidth / widest * REF_PX, boxHeight / (2 * lineHeight)
                        * REF_PX)) * 0.995f;
                if (twoLines >= minPx && twoLines > oneLine) {
                    return new FittedText(List.of(split[0], split[1]), twoLines, false);
                }
            }
        }
        if (oneLine >= minPx) {
            return new FittedText(List.of(text), oneLine, false);
        }
        return ellipsize(text, bold, boxWidth, boxHeight, minPx, maxLines, lineHeight);
    }

    private FittedText ellipsize(String text, boolean bold, float boxWidth, float boxHeight, float minPx, int maxLines,
            float lineHeightRef) {
        int lines = Math.max(1, Math.min(maxLines, (int) (boxHeight / (lineHeightRef * minPx / REF_PX))));
        float size = Math.min(minPx, boxHeight / (lines * lineHeightRef) * REF_PX);
        float limit = boxWidth / size * REF_PX;
        List<String> out = new ArrayList<>();
        String rest = text;
        for (int line = 0; line < lines && !rest.isEmpty(); line++) {
            boolean last = line == lines - 1;
            if (last) {
                out.add(cutWithEllipsis(rest, bold, limit));
                rest = "";
            } else {
                int end = longestPrefixThatFits(rest, bold, limit, true);
                out.add(rest.substring(0, end).strip());
                rest = rest.substring(end).strip();
            }
        }
        return new FittedText(out, size, true);
    }

    private String cutWithEllipsis(String text, boolean bold, float limit) {
        if (measure(text, bold).width() <= limit) {
            return text;
        }
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            mid = boundary(text, mid);
            if (mid <= lo) {
                break;
            }
            if (measure(text.substring(0, mid).stripTrailing() + ELLIPSIS, bold).width() <= limit) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text.substring(0, boundary(text, lo)).stripTrailing() + ELLIPSIS;
    }

    private int longestPrefixThatFits(String text, boolean bold, float limit, boolean preferSpace) {
        int lo = 1;
        int hi = text.length();
        while (lo < hi) {
            int mid = boundary(text, (lo + hi + 1) >>> 1);
            if (mid <= lo) {
                break;
            }
            if (measure(text.substring(0, mid), bold).width() <= limit) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int end = boundary(text, lo);
        if (preferSpace && end < text.length()) {
            int wordBreak = lastWordBreak(text, end);
            // a first line of a third or more still reads better than a word cut in two
            if (wordBreak > end / 3) {
                return wordBreak;
            }
        }
        return Math.max(1, end);
    }

    /** The latest index at or before {@code end} where a line may start: after a space or a hyphen. */
    private static int lastWordBreak(String text, int end) {
        for (int i = Math.min(end, text.length() - 1); i > 0; i--) {
            char before = text.charAt(i - 1);
            if (before == ' ' || before == '-') {
                return i;
            }
        }
        return -1;
    }

    /** Never split a surrogate pair. */
    private static int boundary(String text, int index) {
        if (index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))) {
            return index - 1;
        }
        return index;
    }

    /** The split into two lines whose wider line is narrowest; spaces first, then any character. */
    private String[] bestSplit(String text, boolean bold) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || text.charAt(i - 1) == '-') {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            for (int i = 1; i < text.length(); i++) {
                if (!Character.isLowSurrogate(text.charAt(i))) {
                    candidates.add(i);
                }
            }
        }
        String[] best = null;
        float bestWidth = Float.MAX_VALUE;
        for (int at : candidates) {
            String first = text.substring(0, at).strip();
            String second = text.substring(at).strip();
            if (first.isEmpty() || second.isEmpty()) {
                continue;
            }
            float widest = Math.max(measure(first, bold).width(), measure(second, bold).width());
            if (widest < bestWidth) {
                bestWidth = widest;
                best = new String[] {first, second};
            }
        }
        return best;
    }

    private record Metrics(float width, float height) {
    }

    private Metrics measure(String text, boolean bold) {
        TextLayout layout = new TextLayout(fonts.attributed(text, bold, REF_PX).getIterator(), frc);
        return new Metrics(Math.max(1f, layout.getAdvance()), layout.getAscent() + layout.getDescent());
    }
}
