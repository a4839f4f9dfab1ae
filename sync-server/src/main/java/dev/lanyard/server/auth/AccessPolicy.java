package dev.lanyard.server.auth;

import dev.lanyard.model.Event;
import dev.lanyard.model.FieldAuthority;
import dev.lanyard.model.Role;
import dev.lanyard.server.sync.EventService;

/**
 * Who may do what with an event. ADMIN: everything. ORGANIZER: their own events. OPERATOR: check
 * in on events assigned to them. AUDITOR: read everything, change nothing. A device: check in on
 * the events it was paired for. A caller who may not even see an event is told it does not exist.
 */
public final class AccessPolicy {
    private final EventService events;

    public AccessPolicy(EventService events) {
        this.events = events;
    }

    public boolean canSee(Principal who, Event event) {
        if (who instanceof Principal.Device d) {
            return d.events().contains(event.id());
        }
        Principal.User u = (Principal.User) who;
        return u.has(Role.ADMIN) || u.has(Role.AUDITOR) || owns(u, event)
                || u.has(Role.OPERATOR) && events.isOperator(event.id(), u.username());
    }

    /** Edit the event, its participants, import, issue pairing codes. */
    public boolean canManage(Principal who, Event event) {
        return who instanceof Principal.User u && (u.has(Role.ADMIN) || owns(u, event));
    }

    /** Push check-ins, walk-ins, drawings and scan attempts. */
    public boolean canCheckIn(Principal who, Event event) {
        if (who instanceof Principal.Device d) {
            return d.events().contains(event.id());
        }
        Principal.User u = (Principal.User) who;
        return u.has(Role.ADMIN) || owns(u, event)
                || u.has(Role.OPERATOR) && events.isOperator(event.id(), u.username());
    }

    /** The authority of what this caller pushes: a device or an operator writes as a door (ADR 0007). */
    public FieldAuthority.Writer writerOf(Principal who, Event event) {
        return canManage(who, event) ? FieldAuthority.Writer.ORGANIZER : FieldAuthority.Writer.DOOR;
    }

    /** Export personal data and read the audit of it. */
    public boolean canExport(Principal who, Event event) {
        return who instanceof Principal.User u && (u.has(Role.ADMIN) || u.has(Role.AUDITOR) || owns(u, event));
    }

    public boolean canCreateEvents(Principal who) {
        return who instanceof Principal.User u && (u.has(Role.ADMIN) || u.has(Role.ORGANIZER));
    }

    /** See a device listed and revoke it: an admin, or whoever manages one of the events it was paired for. */
    public boolean canManageDevice(Principal who, java.util.Collection<Event> pairedFor) {
        return isAdmin(who) || pairedFor.stream().anyMatch(e -> canManage(who, e));
    }

    public boolean isAdmin(Principal who) {
        return who instanceof Principal.User u && u.has(Role.ADMIN);
    }

    private static boolean owns(Principal.User u, Event event) {
        return u.has(Role.ORGANIZER) && u.username().equals(event.organizer());
    }
}
