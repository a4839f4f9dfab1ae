package dev.lanyard.model;

/** Where an event happens: a venue address, an online link, or both. */
public record Location(LocationType type, String address, String onlineLink) {
    public Location {
        type = type == null ? LocationType.PHYSICAL : type;
        Require.optionalText(address, "address", 500);
        Require.optionalText(onlineLink, "onlineLink", 500);
    }
}
