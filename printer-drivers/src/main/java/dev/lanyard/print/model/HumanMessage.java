package dev.lanyard.print.model;

/** A message for staff at the door, in English and Korean. */
public record HumanMessage(String english, String korean) {
    public HumanMessage {
        if (english == null || korean == null) {
            throw new IllegalArgumentException("a human message needs both English and Korean text");
        }
    }

    @Override
    public String toString() {
        return english + " / " + korean;
    }
}
