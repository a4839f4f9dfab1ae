package dev.lanyard.print.model;

/** The wire language a printer speaks. */
public enum Protocol {
    BROTHER_QL_RASTER,
    DYMO_LW_400,
    /** LabelWriter 550 / 5XL: job header, lock, per-label header, raw bitmap. Untested on hardware. */
    DYMO_LW_550
}
