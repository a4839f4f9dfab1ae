package dev.lanyard.server.admin;

import dev.lanyard.server.errors.NotFoundException;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.Role;
import dev.lanyard.model.protocol.CreateUserRequest;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.model.protocol.ImportResult;
import dev.lanyard.model.protocol.PairingCodeResponse;
import dev.lanyard.server.auth.DeviceService;
import dev.lanyard.server.auth.SigningKeyRotation;
import dev.lanyard.server.auth.SigningKeys;
import dev.lanyard.server.auth.TokenService;
import dev.lanyard.server.auth.UserService;
import dev.lanyard.server.csv.CsvImporter;
import dev.lanyard.server.sync.EventService;
import dev.lanyard.server.sync.ParticipantService;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Setting a server up without HTTP: for the host CLI and for other modules' tests that start a
 * server in-process. Same services, same rules as the REST API; no role checks (the caller
 * holds the data directory, which is more than any role).
 */
public final class AdminService {
    private final UserService users;
    private final EventService events;
    private final ParticipantService participants;
    private final CsvImporter importer;
    private final DeviceService devices;
    private final TokenService tokens;
    private final dev.lanyard.server.csv.CsvExporter exporter;
    private final dev.lanyard.server.sync.PersonalData personalData;
    private final dev.lanyard.server.email.ErasureRequests erasure;
    private final SigningKeyRotation rotation;

    public AdminService(UserService users, EventService events, ParticipantService participants, CsvImporter importer,
                        DeviceService devices, TokenService tokens, dev.lanyard.server.csv.CsvExporter exporter,
                        dev.lanyard.server.sync.PersonalData personalData,
                        dev.lanyard.server.email.ErasureRequests erasure, SigningKeyRotation rotation) {
        this.erasure = erasure;
        this.rotation = rotation;
        this.users = users;
        this.events = events;
        this.participants = participants;
        this.importer = importer;
        this.devices = devices;
        this.tokens = tokens;
        this.exporter = exporter;
        this.personalData = personalData;
    }

    /** Purges the personal data of every event past its retention period; the server also does this every few hours. */
    public java.util.List<dev.lanyard.server.sync.PersonalData.Purged> purgeExpired() {
        return personalData.purgeExpired();
    }

    public void createUser(String username, String password, Set<Role> roles) {
        users.create(new CreateUserRequest(username, password, roles));
    }

    /** A signed token for a user, as login would return, without the password round trip. */
    public String tokenFor(String username) {
        UserService.Account user = users.account(username).orElseThrow(() ->
                new NotFoundException("active user " + username));
        return tokens.issue(user.username(), user.roles(), user.tokenVersion()).token();
    }

    /** A new token signing key: every user logs in again, on every server of the database; devices keep working. */
    public SigningKeys.Rotation rotateSigningKey() {
        return rotation.rotate();
    }

    public void setUserActive(String username, boolean active) {
        users.setActive(username, active);
    }

    public void resetPassword(String username, String password) {
        users.resetPassword(username, password);
    }

    public void setRoles(String username, Set<Role> roles) {
        users.setRoles(username, roles);
    }

    public Event createEvent(EventInput input, String organizer) {
        return events.create(input, organizer);
    }

    public void assignOperator(UUID eventId, String username) {
        events.assignOperator(eventId, username);
    }

    public Participant addParticipant(UUID eventId, Map<String, String> fields) {
        return participants.create(event(eventId), fields);
    }

    public ImportResult importCsv(UUID eventId, byte[] csv) {
        return importer.importCsv(event(eventId), csv);
    }

    /** Reads the stream to its end, batch by batch (the host CLI's import of a file of any length). */
    public ImportResult importCsv(UUID eventId, java.io.InputStream csv) {
        return importer.importCsv(event(eventId), csv);
    }

    public PairingCodeResponse createPairingCode(UUID eventId) {
        event(eventId);
        return devices.createPairingCode(eventId, "admin");
    }

    public void revokeDevice(UUID deviceId) {
        devices.revoke(deviceId);
    }

    public Participant anonymizeParticipant(UUID eventId, UUID participantId) {
        return erasure.anonymize(event(eventId), participantId, "command line");
    }

    /** CSV export, as the REST API serves it. */
    public void export(UUID eventId, boolean checkIns, java.io.Writer out) {
        if (checkIns) {
            exporter.checkIns(event(eventId), out);
        } else {
            exporter.participants(event(eventId), out);
        }
    }

    public Event event(UUID eventId) {
        return events.findLive(eventId).orElseThrow(() -> new NotFoundException("event " + eventId));
    }

    public boolean hasAdmin() {
        return users.hasAnyAdmin();
    }
}
