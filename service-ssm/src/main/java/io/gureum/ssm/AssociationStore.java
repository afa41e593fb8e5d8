package io.gureum.ssm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * State Manager's associations, resource data syncs and resource policies of one account and region, kept
 * beside Parameter Store's {@link ParameterStore}. Guarded by the module's lock.
 */
final class AssociationStore {
    final String account;
    final String region;
    /** Associations by ID, in creation order. */
    final Map<String, StoredAssociation> associations = new LinkedHashMap<>();
    /** Resource data syncs by name. */
    final NavigableMap<String, StoredSync> syncs = new TreeMap<>();
    /** Resource policies by the ARN of the resource they are attached to, oldest first. */
    final Map<String, List<StoredResourcePolicy>> policies = new LinkedHashMap<>();

    AssociationStore(String account, String region) {
        this.account = account;
        this.region = region;
    }

    List<StoredResourcePolicy> policiesOf(String arn) {
        return policies.computeIfAbsent(arn, a -> new ArrayList<>());
    }
}
