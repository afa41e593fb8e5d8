package io.gureum.kms;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.CreateAliasRequest;
import software.amazon.awssdk.services.kms.model.CreateAliasResponse;
import software.amazon.awssdk.services.kms.model.DeleteAliasRequest;
import software.amazon.awssdk.services.kms.model.DeleteAliasResponse;
import software.amazon.awssdk.services.kms.model.ListAliasesRequest;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.kms.model.UpdateAliasRequest;
import software.amazon.awssdk.services.kms.model.UpdateAliasResponse;

/**
 * Aliases (https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html): names starting with
 * {@code alias/}; {@code alias/aws/} is reserved for AWS managed keys, which {@link KeyLookup} creates on
 * first use.
 */
final class Aliases {
    static final String PREFIX = "alias/";
    static final String RESERVED = "alias/aws/";

    private final KmsStores stores;
    private final KeyLookup lookup;

    Aliases(KmsStores stores, KeyLookup lookup) {
        this.stores = stores;
        this.lookup = lookup;
    }

    public CreateAliasResponse createAlias(CreateAliasRequest request) {
        String name = checkName(request.aliasName());
        KmsStore store = stores.current();
        KmsKey key = target(request.targetKeyId());
        if (store.aliases.containsKey(name)) {
            throw KmsErrors.alreadyExists("An alias with the name " + KmsStores.aliasArn(store, name) + " already exists");
        }
        store.aliases.put(name, new Alias(name, KmsStores.aliasArn(store, name), key.keyId, stores.now()));
        return CreateAliasResponse.builder().build();
    }

    /** The new key must have the same type and usage as the current one (API_UpdateAlias.html). */
    public UpdateAliasResponse updateAlias(UpdateAliasRequest request) {
        String name = checkName(request.aliasName());
        KmsStore store = stores.current();
        Alias alias = store.aliases.get(name);
        if (alias == null) {
            throw KmsErrors.aliasNotFound(KmsStores.aliasArn(store, name));
        }
        KmsKey key = target(request.targetKeyId());
        KmsKey old = store.keys.get(alias.targetKeyId);
        if (old != null && (!old.keyUsage.equals(key.keyUsage) || !typeOf(old.keySpec).equals(typeOf(key.keySpec)))) {
            throw KmsErrors.validation("Alias " + alias.arn + " cannot be changed from a key of type "
                    + typeOf(old.keySpec) + " and usage " + old.keyUsage + " to a key of type " + typeOf(key.keySpec)
                    + " and usage " + key.keyUsage);
        }
        alias.targetKeyId = key.keyId;
        alias.lastUpdatedDate = stores.now();
        return UpdateAliasResponse.builder().build();
    }

    public DeleteAliasResponse deleteAlias(DeleteAliasRequest request) {
        String name = checkName(request.aliasName());
        KmsStore store = stores.current();
        if (store.aliases.remove(name) == null) {
            throw KmsErrors.aliasNotFound(KmsStores.aliasArn(store, name));
        }
        return DeleteAliasResponse.builder().build();
    }

    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        KmsStore store = stores.current();
        String keyId = request.keyId() == null ? null : lookup.findKey(request.keyId()).keyId;
        List<Alias> aliases = new ArrayList<>();
        for (Alias a : store.aliases.values()) {
            if (keyId == null || a.targetKeyId.equals(keyId)) {
                aliases.add(a);
            }
        }
        Markers.Page<Alias> page = Markers.page(aliases, request.limit(), request.marker(), 50, a -> a.name);
        List<AliasListEntry> entries = new ArrayList<>();
        for (Alias a : page.items()) {
            entries.add(AliasListEntry.builder().aliasName(a.name).aliasArn(a.arn).targetKeyId(a.targetKeyId)
                    .creationDate(a.creationDate).lastUpdatedDate(a.lastUpdatedDate).build());
        }
        return ListAliasesResponse.builder().aliases(entries).nextMarker(page.nextMarker()).truncated(page.truncated())
                .build();
    }

    private static String checkName(String name) {
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
            throw KmsErrors.validation("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (name.startsWith(RESERVED)) {
            throw KmsErrors.invalidAliasName("Cannot create or modify an alias with the reserved prefix alias/aws/");
        }
        return name;
    }

    /** An alias targets a customer managed key by key ID or key ARN, never another alias. */
    private KmsKey target(String targetKeyId) {
        if (targetKeyId.startsWith(PREFIX) || targetKeyId.contains(":alias/")) {
            throw KmsErrors.validation("Aliases must refer to keys. Not aliases");
        }
        KmsKey key = lookup.findKey(targetKeyId);
        KeyLookup.requireNotPendingDeletion(key);
        return key;
    }

    private static String typeOf(String spec) {
        return spec.equals(KeySpecs.SYMMETRIC_DEFAULT) ? "SYMMETRIC" : KeySpecs.isHmac(spec) ? "HMAC" : "ASYMMETRIC";
    }
}
