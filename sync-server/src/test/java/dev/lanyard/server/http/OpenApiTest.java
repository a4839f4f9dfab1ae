package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.json.Json;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document describes exactly the routes the server has. */
class OpenApiTest {
    @Test
    void pathsAndMethodsEqualTheRouteTable() throws Exception {
        JsonNode doc = Json.mapper().readTree(OpsController.loadOpenApi());
        Set<String> documented = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(m ->
                    documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()));
        }
        Set<String> routes = new HashSet<>();
        Routes.table().forEach(r -> routes.add(r.method() + " " + r.path()));
        assertThat(documented).isEqualTo(routes);
    }
}
