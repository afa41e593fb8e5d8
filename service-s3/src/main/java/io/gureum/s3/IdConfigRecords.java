package io.gureum.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.SdkJson;
import io.gureum.s3.store.IdConfigs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.model.AnalyticsConfiguration;
import software.amazon.awssdk.services.s3.model.IntelligentTieringConfiguration;
import software.amazon.awssdk.services.s3.model.InventoryConfiguration;
import software.amazon.awssdk.services.s3.model.MetricsConfiguration;

/** A bucket's ID-named configurations in its durable record ({@code idConfigs}: family → configurations). */
final class IdConfigRecords {
    private IdConfigRecords() {
    }

    static Map<String, List<JsonNode>> capture(IdConfigs c) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        put(out, "analytics", c.analytics);
        put(out, "inventory", c.inventory);
        put(out, "metrics", c.metrics);
        put(out, "intelligentTiering", c.intelligentTiering);
        return out.isEmpty() ? null : out;
    }

    private static void put(Map<String, List<JsonNode>> out, String family, NavigableMap<String, ?> table) {
        if (!table.isEmpty()) {
            List<JsonNode> list = new ArrayList<>();
            table.values().forEach(v -> list.add(SdkJson.toJson(v)));
            out.put(family, list);
        }
    }

    /** Records written before these configurations existed have none. */
    static void restore(Map<String, List<JsonNode>> in, IdConfigs c) {
        if (in == null) {
            return;
        }
        load(in.get("analytics"), c.analytics, AnalyticsConfiguration.class, AnalyticsConfiguration::id);
        load(in.get("inventory"), c.inventory, InventoryConfiguration.class, InventoryConfiguration::id);
        load(in.get("metrics"), c.metrics, MetricsConfiguration.class, MetricsConfiguration::id);
        load(in.get("intelligentTiering"), c.intelligentTiering, IntelligentTieringConfiguration.class,
                IntelligentTieringConfiguration::id);
    }

    private static <T> void load(List<JsonNode> nodes, NavigableMap<String, T> table, Class<T> type,
            Function<T, String> id) {
        if (nodes != null) {
            for (JsonNode n : nodes) {
                T v = SdkJson.fromJson(n, type);
                table.put(id.apply(v), v);
            }
        }
    }
}
