package dev.lanyard.print.badge;

import java.util.List;

/**
 * Text after fitting: the lines to draw, the size in pixels, and whether it had to be cut with an
 * ellipsis.
 */
public record FittedText(List<String> lines, float sizePx, boolean ellipsized) {
    public FittedText {
        lines = List.copyOf(lines);
    }
}
