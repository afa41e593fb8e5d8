package io.gureum.iam;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An IAM user. Guarded by its account's lock. */
final class User extends Principal {
    /** Access keys by ID, oldest first. */
    final Map<String, AccessKey> keys = new LinkedHashMap<>();

    User(String name, String path, String id, String arn, Instant created) {
        super(name, path, id, arn, created);
    }
}
