package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.device.DeviceIdentity;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.model.Event;
import dev.lanyard.model.PairingCodes;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PairingPayload;
import java.util.List;

/**
 * Pairs this kiosk with a server: the one-time code from the organizer becomes a device id and
 * token. Over TLS the server's certificate is pinned: to the fingerprint the pairing QR
 * carries when there is one, else to the certificate the typed code's check names (ADR 0208),
 * else to the certificate seen while pairing, validated the usual way (trust on first use);
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
     * @param certSha256 the server certificate's SHA-256 fingerprint, when known; null over plain HTTP or to pin on
     * first use
     * @throws IllegalStateException when this data folder is already paired
     */
    public Paired pair(String serverUrl, String code, String deviceName, String certSha256) throws SyncException {
        okhttp3.HttpUrl base = ServerApi.parseBase(serverUrl);
        String url = base.toString();
        boolean tls = url.startsWith("https:");
        CertificatePin pin = certSha256 == null ? null : CertificatePin.of(certSha256);
        if (pin != null && !tls) {
            throw new IllegalArgumentException("a certificate fingerprint was given but " + url + " is not https");
        }
        replica.write(tx -> DeviceIdentity.load(tx)).ifPresent(existing -> {
            throw new IllegalStateException("this kiosk is already paired as device " + existing.deviceId() + " with "
                    + existing.serverUrl()
                    + "; use a new data folder to pair again");
        });
        PairingCodes.Typed typed = PairingCodes.parse(code);
        if (!tls && typed.check() != null) {
            // only a server with a certificate gives its code a check: this address is not the server's own, and the
            // code sent to it in clear could be taken and spent first by anyone on the network
            throw new SyncException(SyncException.Kind.CERTIFICATE, 0, "the pairing code names a certificate but "
                    + url + " is plain http: type the server's https:// address", null);
        }
        if (tls && typed.check() != null) {
            // a code typed with its certificate check: pin the certificate it names, before the code goes anywhere (ADR
            // 0208)
            String presented = pin != null ? pin.sha256() : CertificatePin.fingerprintOf(ServerCertificate.peek(base));
            if (!PairingCodes.check(typed.code(), presented).equals(typed.check())) {
                throw new SyncException(SyncException.Kind.CERTIFICATE, 0, "the server at " + url
                        + " presents a certificate ("
                        + presented
                        + ") the pairing code does not name: check the address and the code; if both are right, someone"
                        + " on the network may be posing as the server", null);
            }
            pin = CertificatePin.of(presented);
        }
        ServerApi api = new ServerApi(ServerApi.client(pin), url, () -> null);
        ServerApi.Paired paired = api.pair(typed.code(), deviceName);
        PairResponse response = paired.response();
        if (response.deviceId() == null || response.token() == null) {
            throw new SyncException(SyncException.Kind.SERVER, 200, "the pairing answer has no device id or token",
                    null);
        }
        String pinned = pin != null ? pin.sha256()
                : tls && paired.serverCertificate() != null ? CertificatePin.fingerprintOf(paired.serverCertificate())
                : null;
        DeviceIdentity identity = new DeviceIdentity(response.deviceId().toString(), deviceName, response.token(), url,
                pinned);
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
