package io.gureum.dynamodb;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** A partition key and an optional sort key, with their scalar types (S, N, B). */
record KeySchema(String hash, String hashType, String range, String rangeType) {
    boolean hasRange() {
        return range != null;
    }

    boolean isKey(String attribute) {
        return attribute.equals(hash) || attribute.equals(range);
    }

    List<KeySchemaElement> toSdk() {
        List<KeySchemaElement> out = new ArrayList<>();
        out.add(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build());
        if (range != null) {
            out.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
        }
        return out;
    }

    List<String> names() {
        return range == null ? List.of(hash) : List.of(hash, range);
    }
}
