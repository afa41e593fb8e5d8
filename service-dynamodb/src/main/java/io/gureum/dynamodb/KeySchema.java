package io.gureum.dynamodb;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * A partition key and an optional sort key, with their scalar types (S, N, B). A global secondary index may
 * have multi-attribute keys: up to four partition key attributes and four sort key attributes, the ones after
 * the first in {@code moreHashes} and {@code moreRanges}
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html).
 */
record KeySchema(String hash, String hashType, String range, String rangeType, List<String> moreHashes,
        List<String> moreRanges) {

    KeySchema {
        moreHashes = moreHashes == null ? List.of() : List.copyOf(moreHashes);
        moreRanges = moreRanges == null ? List.of() : List.copyOf(moreRanges);
    }

    KeySchema(String hash, String hashType, String range, String rangeType) {
        this(hash, hashType, range, rangeType, List.of(), List.of());
    }

    boolean hasRange() {
        return range != null;
    }

    /** Whether a partition or sort key is made of several attributes. */
    boolean multi() {
        return !moreHashes.isEmpty() || !moreRanges.isEmpty();
    }

    List<String> hashNames() {
        List<String> out = new ArrayList<>();
        out.add(hash);
        out.addAll(moreHashes);
        return out;
    }

    List<String> rangeNames() {
        List<String> out = new ArrayList<>();
        if (range != null) {
            out.add(range);
            out.addAll(moreRanges);
        }
        return out;
    }

    boolean isKey(String attribute) {
        return names().contains(attribute);
    }

    List<KeySchemaElement> toSdk() {
        List<KeySchemaElement> out = new ArrayList<>();
        hashNames().forEach(h -> out.add(KeySchemaElement.builder().attributeName(h).keyType(KeyType.HASH).build()));
        rangeNames().forEach(r -> out.add(KeySchemaElement.builder().attributeName(r).keyType(KeyType.RANGE).build()));
        return out;
    }

    List<String> names() {
        if (!multi()) {
            return range == null ? List.of(hash) : List.of(hash, range);
        }
        List<String> out = hashNames();
        out.addAll(rangeNames());
        return out;
    }
}
