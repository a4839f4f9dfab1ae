package dev.lanyard.print.media;

/** Which printer family a label stock fits. */
public enum MediaFamily {
    BROTHER_DK,
    DYMO_LW
}
