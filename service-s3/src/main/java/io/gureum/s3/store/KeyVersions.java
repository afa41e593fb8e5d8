package io.gureum.s3.store;

import java.util.ArrayList;
import java.util.List;

/** Every version of one key, newest first. Guarded by the bucket's lock. */
public final class KeyVersions {
    private final List<StoredObject> versions = new ArrayList<>(1);

    public List<StoredObject> all() {
        return versions;
    }

    public StoredObject latest() {
        return versions.isEmpty() ? null : versions.get(0);
    }

    public StoredObject find(String versionId) {
        for (StoredObject v : versions) {
            if (v.versionId.equals(versionId)) {
                return v;
            }
        }
        return null;
    }

    public void addLatest(StoredObject object) {
        versions.add(0, object);
    }

    public boolean remove(StoredObject object) {
        return versions.remove(object);
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }
}
