package dev.lanyard.kiosk.core.notices;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The merge overturned something this door did, and staff should know: its undo lost to a
 * check-in at another door it had not seen, or its walk-in turned out to be someone already
 * registered (the walk-in now counts as that registration). Or the door and the server run
 * versions that do not understand each other: the door met changes on the server's feed that its
 * version cannot read and needs updating (ADR 0335), or the server did not understand items this
 * door sent and needs updating (ADR 0336), or another door sent items this door's version cannot
 * read and this door needs updating (ADR 0337).
 *
 * <p>A notice carries its kind and the facts to word it with ({@link Param}); the front end
 * words it in its own language. A notice stored before notices had parameters carries its
 * old English sentence as {@link Param#TEXT} alone.
 *
 * @param subjectId the overturned item: the UNDO op, or the walk-in participant
 * @param parameters the facts, by {@link Param} name; a fact that is unknown is left out
 */
public record ConflictNotice(long id, UUID eventId, Kind kind, UUID subjectId, UUID participantId,
                             Map<String, String> parameters, Instant createdAt, boolean acknowledged) {
    public enum Kind {
        UNDO_OVERTURNED, WALK_IN_MERGED, UNREADABLE_CHANGES, ITEMS_NOT_UNDERSTOOD, UNREADABLE_FROM_PEER
    }

    /** The names of a notice's facts. */
    public static final class Param {
        /** UNDO_OVERTURNED: who was checked in again (name, else id). WALK_IN_MERGED: the walk-in (name, else id). */
        public static final String PARTICIPANT = "participant";
        /**
         * UNDO_OVERTURNED: the last 8 characters of the device id of the door that checked in again.
         * UNREADABLE_FROM_PEER: those of the door that sent what this one cannot read.
         */
        public static final String DOOR = "door";
        /** UNDO_OVERTURNED: when that door checked in, HH:mm in the event's timezone. */
        public static final String TIME = "time";
        /** UNDO_OVERTURNED: the event day. */
        public static final String DAY = "day";
        /** WALK_IN_MERGED: the walk-in's e-mail. */
        public static final String EMAIL = "email";
        /** WALK_IN_MERGED: the name of the registration the walk-in was merged into. */
        public static final String REGISTRATION = "registration";
        /** UNREADABLE_CHANGES: the feed's name for the first kind of change this version could not read. */
        public static final String TYPE = "type";
        /** ITEMS_NOT_UNDERSTOOD: the server's reason for the first item it did not understand. */
        public static final String REASON = "reason";
        /** A notice stored before notices had parameters: its sentence, in English. */
        public static final String TEXT = "text";

        private Param() {
        }
    }

    public ConflictNotice {
        parameters = Map.copyOf(parameters);
    }

    /** A fact of this notice, or null when it is not known. */
    public String param(String name) {
        return parameters.get(name);
    }
}
