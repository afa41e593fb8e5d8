package io.gureum.ec2common.persist;

import io.gureum.core.persist.StateStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one place (an account's region) last recorded, record by record, so that after a change the caller
 * journals only the records whose JSON differs and deletes those of resources gone (ADR 0013: services
 * holding one lock per place compare every value of the place with what they last recorded). Guarded by
 * the lock of the place.
 */
public final class RecordedValues {
    private final String service;
    private final String account;
    private final String region;
    /** "kind|key" → the JSON last written. */
    private final Map<String, byte[]> written = new HashMap<>();
    private Set<String> seen = new HashSet<>();

    public RecordedValues(String service, String account, String region) {
        this.service = service;
        this.account = account;
        this.region = region;
    }

    /**
     * Records the value when its JSON differs from the last one recorded under that kind and key.
     *
     * @return the JSON of the value
     */
    public byte[] offer(StateStore state, String kind, String key, Object value) {
        byte[] json = FieldJson.write(value);
        String name = kind + "|" + key;
        seen.add(name);
        byte[] before = written.get(name);
        if (before == null || !Arrays.equals(before, json)) {
            state.put(service, account, region, kind, key, new com.fasterxml.jackson.databind.util.RawValue(
                    new String(json, java.nio.charset.StandardCharsets.UTF_8)));
            written.put(name, json);
        }
        return json;
    }

    /** Deletes the records of everything not {@link #offer offered} since the last call, and starts over. */
    public void deleteUnseen(StateStore state) {
        for (var it = written.keySet().iterator(); it.hasNext();) {
            String name = it.next();
            if (!seen.contains(name)) {
                int bar = name.indexOf('|');
                state.delete(service, account, region, name.substring(0, bar), name.substring(bar + 1));
                it.remove();
            }
        }
        seen = new HashSet<>();
    }

    /** Notes a record read at restore as what is recorded. */
    public void restored(String kind, String key, byte[] json) {
        written.put(kind + "|" + key, json);
    }
}
