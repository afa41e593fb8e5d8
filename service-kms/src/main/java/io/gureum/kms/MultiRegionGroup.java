package io.gureum.kms;

import java.util.ArrayList;
import java.util.List;

/**
 * The related multi-Region keys of one account (multi-region-keys-overview.html): one primary region and
 * its replica regions. The primary and its replicas share this object and their material list, so a
 * rotation of the primary reaches every replica and each decrypts the others' ciphertexts.
 */
final class MultiRegionGroup {
    String primaryRegion;
    final List<String> replicaRegions = new ArrayList<>();

    MultiRegionGroup(String primaryRegion) {
        this.primaryRegion = primaryRegion;
    }
}
