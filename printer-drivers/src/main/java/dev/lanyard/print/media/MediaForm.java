package dev.lanyard.print.media;

/** Die-cut labels have a fixed length; endless tape is cut wherever the badge ends. */
public enum MediaForm {
    DIE_CUT,
    ENDLESS
}
