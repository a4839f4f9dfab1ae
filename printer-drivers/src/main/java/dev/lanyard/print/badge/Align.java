package dev.lanyard.print.badge;

/** Horizontal alignment of a text slot. */
public enum Align {
    LEFT,
    CENTER,
    RIGHT
}
