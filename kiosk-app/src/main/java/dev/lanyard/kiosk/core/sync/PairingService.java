package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.DeviceIdentity;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.model.Event;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PairingPayload;
import java.util.List;

/**
 * Pairs this kiosk with a server: the one-time code from the organizer becomes a device id and
 * token. Over TLS the server's certificate is pinned: to the fingerprint the pairing QR
 * carries when there is one, else to the certificate seen while pairing (trust on first use);
 * every later connection accepts that certificate only (ADR 0304).
 */
public final class PairingService {
    private final Replica replica;

    public PairingService(Replica replica) {
        this.replica = replica;
    }

    /** The outcome of a pairing: who this kiosk now is and which events it serves. */
    public record Paired(DeviceIdentity identity, List<Event> events) {
    }

    /** Pairs from the pairing QR's JSON payload. */
    public Paired pairFromPayload(String payloadJson, String deviceName) throws SyncException {
        PairingPayload payload = Json.read(payloadJson, PairingPayload.class);
        return pair(payload.server(), payload.code(), deviceName, payload.certSha256());
    }

    /**
     * @param certSha256 the server certificate's SHA-256 fingerprint, when known; null over plain HTTP or to pin on first use
     * @throws IllegalStateException when this data folder is already paired
     */
    public Paired pair(String serverUrl, String code, String deviceName, String certSha256) throws SyncException {
        String url = ServerApi.parseBase(serverUrl).toString();
        boolean tls = url.startsWith("https:");
        CertificatePin pin = certSha256 == null ? null : CertificatePin.of(certSha256);
        if (pin != null && !tls) {
            throw new IllegalArgumentException("a certificate fingerprint was given but " + url + " is not https");
        }
        replica.write(tx -> DeviceIdentity.load(tx)).ifPresent(existing -> {
            throw new IllegalStateException("this kiosk is already paired as device " + existing.deviceId() + " with " + existing.serverUrl()
                    + "; use a new data folder to pair again");
        });
        ServerApi api = new ServerApi(ServerApi.client(pin), url, () -> null);
        ServerApi.Paired paired = api.pair(code, deviceName);
        PairResponse response = paired.response();
        if (response.deviceId() == null || response.token() == null) {
            throw new SyncException(SyncException.Kind.SERVER, 200, "the pairing answer has no device id or token", null);
        }
        String pinned = pin != null ? pin.sha256()
                : tls && paired.serverCertificate() != null ? CertificatePin.fingerprintOf(paired.serverCertificate()) : null;
        DeviceIdentity identity = new DeviceIdentity(response.deviceId().toString(), deviceName, response.token(), url, pinned);
        replica.write(tx -> {
            identity.save(tx);
            for (Event event : response.events()) {
                EventStore.upsert(tx, event);
            }
            if (!response.events().isEmpty()) {
                Settings.put(tx, Settings.ACTIVE_EVENT, response.events().get(0).id().toString());
            }
            return null;
        });
        return new Paired(identity, response.events());
    }
}
