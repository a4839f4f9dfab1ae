package dev.lanyard.kiosk.core.sync;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;

/**
 * Reads the certificate a TLS server presents, trusting nothing and sending nothing: a TLS
 * handshake, then the connection is closed. Pairing by hand uses it to compare the certificate
 * with the check in the pairing code before the code is sent anywhere (ADR 0208).
 */
final class ServerCertificate {
    private static final int TIMEOUT_MS = 10_000;

    private ServerCertificate() {
    }

    static Certificate peek(HttpUrl server) throws SyncException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ReadOnly()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(server.host(), server.port()), TIMEOUT_MS);
                socket.setSoTimeout(TIMEOUT_MS);
                socket.startHandshake();
                return socket.getSession().getPeerCertificates()[0];
            }
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.NETWORK, 0, "cannot reach " + server.host() + ":"
                    + server.port() + " over TLS: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    /**
     * Accepts any server certificate: it is only looked at, and trusted only if the pairing code's check matches it.
     */
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws
                java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this trust manager only reads servers' certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // looked at by the caller, not trusted here
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
