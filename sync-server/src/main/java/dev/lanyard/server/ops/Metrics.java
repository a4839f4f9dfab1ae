package dev.lanyard.server.ops;

import dev.lanyard.model.protocol.OpResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The server's Prometheus metrics: request latency, ingested items, WebSocket connections, feed lag. */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger wsConnections = new AtomicInteger();
    private final Counter accepted;
    private final Counter duplicate;
    private final Counter rejected;
    private final DistributionSummary feedLag;
    private final Timer allRequests;
    private final Counter liveSent;
    private final Counter liveDropped;

    public Metrics() {
        registry.gauge("lanyard_websocket_connections", wsConnections);
        accepted = Counter.builder("lanyard_ops_ingested").tag("status", "accepted")
                .description("pushed items by outcome").register(registry);
        duplicate = Counter.builder("lanyard_ops_ingested").tag("status", "duplicate").register(registry);
        rejected = Counter.builder("lanyard_ops_ingested").tag("status", "rejected").register(registry);
        feedLag = DistributionSummary.builder("lanyard_feed_lag_ms")
                .description("milliseconds from a change's commit to its delivery on a WebSocket")
                .publishPercentiles(0.5, 0.99).register(registry);
        liveSent = Counter.builder("lanyard_live_frames").tag("outcome", "sent")
                .description("fresh check-ins queued for live sockets, or dropped (the feed brings them; ADR 0236)")
                .register(registry);
        liveDropped = Counter.builder("lanyard_live_frames").tag("outcome", "dropped").register(registry);
        allRequests = Timer.builder("lanyard_http_requests_all")
                .description("every API request, for the host's p99 alert")
                .publishPercentiles(0.99).register(registry);
    }

    public void opsIngested(List<OpResult> results) {
        for (OpResult r : results) {
            switch (r.status()) {
                case ACCEPTED -> accepted.increment();
                case DUPLICATE -> duplicate.increment();
                case REJECTED -> rejected.increment();
            }
        }
    }

    public void request(String method, String route, int status, Duration took) {
        Timer.builder("lanyard_http_requests").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentiles(0.5, 0.99).register(registry).record(took);
        allRequests.record(took);
    }

    /** The p99 of every API request over Micrometer's recent window (about the last two minutes), in seconds. */
    public double p99Seconds() {
        for (var p : allRequests.takeSnapshot().percentileValues()) {
            if (p.percentile() == 0.99) {
                return p.value(java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    /** A live frame queued for one socket. */
    public void liveSent() {
        liveSent.increment();
    }

    /** A live frame not sent: the socket's queue was full, or the live signals waiting were. */
    public void liveDropped() {
        liveDropped.increment();
    }

    public void wsOpened() {
        wsConnections.incrementAndGet();
    }

    public void wsClosed() {
        wsConnections.decrementAndGet();
    }

    public void feedDelivered(long committedAtMillis) {
        feedLag.record(Math.max(0, System.currentTimeMillis() - committedAtMillis));
    }

    /** A mail of a kind reached a status (sent, failed, unknown, cancelled; pending when put off for a retry). */
    public void mail(String kind, String status) {
        Counter.builder("lanyard_emails").tag("kind", kind).tag("status", status)
                .description("participant mails by kind and outcome")
                .register(registry).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
