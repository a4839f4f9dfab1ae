package dev.lanyard.rehearsal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers a rehearsal starts, as the doors see them: one address and one certificate. Either
 * one {@link ServerChild} on embedded H2, or several on one PostgreSQL (the host's, or a
 * throwaway {@link PostgresChild}) behind an {@link NginxChild} (ADR 0227). The instances share
 * the token signing key through the database, sealed under one key-encryption key file all of
 * them are given; each has its own data folder. A kill hits instance 1; the others keep serving.
 */
final class ServerFleet implements AutoCloseable {
    private final List<ServerChild> instances;
    private final NginxChild proxy;
    private final PostgresChild postgres;
    private final ProcessUsage usage;

    private ServerFleet(List<ServerChild> instances, NginxChild proxy, PostgresChild postgres, ProcessUsage usage) {
        this.instances = instances;
        this.proxy = proxy;
        this.postgres = postgres;
        this.usage = usage;
    }

    static ServerFleet start(Path dir, Plan.Scale scale, String admin, char[] password, List<String> jvmFlags)
            throws IOException, InterruptedException {
        if (!scale.behindProxy()) {
            ServerChild only = ServerChild.start(dir.resolve("data"), admin, password, jvmFlags);
            return new ServerFleet(List.of(only), null, null, only.usage());
        }
        PostgresChild postgres = null;
        List<ServerChild> started = new ArrayList<>();
        try {
            String jdbcUrl = scale.jdbcUrl();
            String user = scale.dbUser();
            String dbPassword = scale.dbPassword();
            if (jdbcUrl == null) {
                postgres = PostgresChild.start();
                jdbcUrl = postgres.jdbcUrl();
                user = postgres.user();
                dbPassword = null;
            }
            Path kek = keyEncryptionKey(dir.resolve("key-encryption-key"));
            List<String> database = new ArrayList<>(List.of("--db", jdbcUrl,
                    "--key-encryption-key-file", kek.toString()));
            if (user != null) {
                database.addAll(List.of("--db-user", user));
            }
            Map<String, String> environment = new HashMap<>();
            if (dbPassword != null) {
                environment.put("LANYARD_DB_PASSWORD", dbPassword);
            }
            // the proxy's port is known only once the instances' ports are: they learn the public URL from this file
            int proxyPort = ServerChild.freePort();
            ProcessUsage usage = new ProcessUsage();
            for (int i = 1; i <= scale.instances(); i++) {
                // plain HTTP on loopback, only nginx in front speaks TLS to the doors (ADR 0227)
                ServerChild.Launch launch = new ServerChild.Launch(database, List.of("--insecure-plain-http",
                        "--trusted-proxy", "127.0.0.1", "--public-url", "https://127.0.0.1:" + proxyPort), environment);
                String creator = i == 1 ? admin : null;
                Path data = dir.resolve("instance-" + i);
                started.add(ServerChild.start(data, creator, password, jvmFlags, launch, usage));
            }
            List<Integer> ports = started.stream().map(ServerChild::port).toList();
            NginxChild proxy = NginxChild.start(dir.resolve("nginx"), ports, proxyPort);
            return new ServerFleet(List.copyOf(started), proxy, postgres, usage);
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.forEach(ServerChild::close);
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    /** 32 random bytes in base64, 0600: what {@code serve} reads with {@code --key-encryption-key-file} (ADR 0209). */
    private static Path keyEncryptionKey(Path file) throws IOException {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(raw), StandardCharsets.US_ASCII);
        return file;
    }

    /** Where the doors go: nginx, or the one instance. */
    String url() {
        return proxy != null ? proxy.url() : instances.get(0).url();
    }

    String certSha256() {
        return proxy != null ? proxy.certSha256() : instances.get(0).certSha256();
    }

    int instanceCount() {
        return instances.size();
    }

    String describe() {
        if (proxy == null) {
            return "one instance, embedded H2";
        }
        String database = postgres != null ? "a PostgreSQL started for the rehearsal" : "the given PostgreSQL";
        return instances.size() + " instances on " + database + " behind nginx at " + proxy.url();
    }

    /** Every instance's CPU and memory, across restarts. */
    ProcessUsage usage() {
        return usage;
    }

    /** SIGKILL instance 1 (behind nginx the others go on serving the doors). */
    void kill() throws InterruptedException {
        instances.get(0).kill();
    }

    void serve() throws IOException, InterruptedException {
        instances.get(0).serve();
    }

    /** Whether requests should succeed now: some instance listens (nginx sends them there). */
    boolean serving() {
        return instances.stream().anyMatch(ServerChild::serving);
    }

    /** Starts over all instances, so kills = starts - instances. */
    int starts() {
        return instances.stream().mapToInt(ServerChild::starts).sum();
    }

    List<Path> logs() {
        return instances.stream().map(ServerChild::log).toList();
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        instances.forEach(ServerChild::close);
        if (postgres != null) {
            postgres.close();
        }
    }
}
