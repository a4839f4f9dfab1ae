package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.SETTING;

import java.util.Optional;

/** Single named values: pairing, device identity, the persisted HLC. */
public final class Settings {
    public static final String DEVICE_ID = "device.id";
    public static final String DEVICE_NAME = "device.name";
    public static final String DEVICE_TOKEN = "device.token";
    public static final String SERVER_URL = "server.url";
    public static final String SERVER_CERT_SHA256 = "server.certSha256";
    public static final String HLC = "clock.hlc";
    public static final String ACTIVE_EVENT = "event.active";

    private Settings() {
    }

    public static Optional<String> get(Tx tx, String name) {
        return Optional.ofNullable(tx.dsl().select(SETTING.VAL).from(SETTING).where(SETTING.NAME.eq(name)).fetchOne(SETTING.VAL));
    }

    public static void put(Tx tx, String name, String value) {
        tx.dsl().mergeInto(SETTING).using(tx.dsl().selectOne())
                .on(SETTING.NAME.eq(name))
                .whenMatchedThenUpdate().set(SETTING.VAL, value)
                .whenNotMatchedThenInsert(SETTING.NAME, SETTING.VAL).values(name, value)
                .execute();
    }
}
