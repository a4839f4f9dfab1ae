package dev.lanyard.kiosk.ui;

import dev.lanyard.kiosk.core.notices.ConflictNotice;
import dev.lanyard.kiosk.core.notices.ConflictNotice.Param;

/** A conflict notice in the UI's language, from its kind and facts (the core builds no sentence). */
public final class ConflictWording {
    private ConflictWording() {
    }

    public static String of(ConflictNotice notice, Texts texts) {
        String old = notice.param(Param.TEXT);
        if (old != null) {
            return old; // stored before notices had facts: its sentence is all there is
        }
        return switch (notice.kind()) {
            case UNDO_OVERTURNED -> {
                String who = or(notice.param(Param.PARTICIPANT), texts.get("notice.theParticipant"));
                String door = notice.param(Param.DOOR);
                String where = door == null ? texts.get("notice.anotherDoor") : texts.get("notice.door", door);
                String time = notice.param(Param.TIME);
                String when = time == null ? "" : " — " + time;
                yield texts.get("notice.UNDO_OVERTURNED", who, where, when, or(notice.param(Param.DAY), ""));
            }
            case WALK_IN_MERGED -> texts.get("notice.WALK_IN_MERGED", or(notice.param(Param.PARTICIPANT), ""),
                    or(notice.param(Param.EMAIL), ""),
                    or(notice.param(Param.REGISTRATION), texts.get("notice.existingRegistration")));
            case UNREADABLE_CHANGES -> texts.get("notice.UNREADABLE_CHANGES", or(notice.param(Param.TYPE), "?"));
            case ITEMS_NOT_UNDERSTOOD -> texts.get("notice.ITEMS_NOT_UNDERSTOOD", or(notice.param(Param.REASON), "?"));
            case UNREADABLE_FROM_PEER -> texts.get("notice.UNREADABLE_FROM_PEER", or(notice.param(Param.DOOR), "?"));
        };
    }

    private static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }
}
