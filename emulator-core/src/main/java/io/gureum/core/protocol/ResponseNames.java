package io.gureum.core.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkField;

/**
 * The response names of each SDK field ({@link QueryNaming#sdkNames}), kept: the SDK's fields are constants of its
 * model classes, and their names were looked up through the field's traits and built anew for every member of every
 * XML response (issue #20).
 */
final class ResponseNames {
    private static final Map<SdkField<?>, QueryNaming.Names> NAMES = new ConcurrentHashMap<>();

    private ResponseNames() {
    }

    static QueryNaming.Names of(SdkField<?> field) {
        QueryNaming.Names names = NAMES.get(field);
        if (names == null) {
            names = QueryNaming.computeNames(field, true);
            NAMES.put(field, names);
        }
        return names;
    }
}
