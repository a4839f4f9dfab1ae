package dev.lanyard.print.badge;

/**
 * How a badge sits on the label. PORTRAIT: the badge's width runs across the print head.
 * LANDSCAPE: the badge's width runs along the feed, so the rendered badge is turned a quarter
 * clockwise onto the label (narrow rolls such as 29x90 or Dymo 30252).
 */
public enum Orientation {
    PORTRAIT,
    LANDSCAPE
}
