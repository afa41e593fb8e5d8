package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;

/**
 * Users' long-term access keys. Keys issued here sign requests: {@link IamStore} resolves them to
 * their user's account and ARN for core.
 */
final class AccessKeys extends Family {
    /** Access keys per user (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
    static final int MAX_PER_USER = 2;

    AccessKeys(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public CreateAccessKeyResponse createAccessKey(CreateAccessKeyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = user(account, r.userName());
            if (user.keys.size() >= MAX_PER_USER) {
                throw IamErrors.quota("AccessKeysPerUser", MAX_PER_USER);
            }
            AccessKey key = new AccessKey(ids.accessKeyId(), ids.secretAccessKey(), account.id, user, now());
            user.keys.put(key.id, key);
            store.addKey(key);
            return CreateAccessKeyResponse.builder().accessKey(software.amazon.awssdk.services.iam.model.AccessKey
                    .builder().userName(user.name).accessKeyId(key.id).status(key.status)
                    .secretAccessKey(key.secret).createDate(key.created).build()).build();
        }
    }

    public ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = user(account, r.userName());
            List<AccessKeyMetadata> keys = new ArrayList<>();
            for (AccessKey k : user.keys.values()) {
                keys.add(AccessKeyMetadata.builder().userName(user.name).accessKeyId(k.id).status(k.status)
                        .createDate(k.created).build());
            }
            keys.sort(java.util.Comparator.comparing(AccessKeyMetadata::accessKeyId));
            Paging<AccessKeyMetadata> page = Paging.page(keys, AccessKeyMetadata::accessKeyId, r.marker(), r.maxItems());
            return ListAccessKeysResponse.builder().accessKeyMetadata(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    public UpdateAccessKeyResponse updateAccessKey(UpdateAccessKeyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            AccessKey key = key(user(account, r.userName()), r.accessKeyId());
            key.status = r.statusAsString();
            return UpdateAccessKeyResponse.builder().build();
        }
    }

    /**
     * When, where and in which service a key was last used
     * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccessKeyLastUsed.html): Gureum records every
     * request a key signs, at the core clock's time; a key never used answers {@code N/A} for service and region
     * and no date.
     */
    public GetAccessKeyLastUsedResponse getAccessKeyLastUsed(GetAccessKeyLastUsedRequest r) {
        IamStore.Account account = account();
        AccessKey key = store.accessKey(r.accessKeyId());
        if (key == null || !key.account.equals(account.id)) {
            throw IamErrors.noSuchEntity("The Access Key with id " + r.accessKeyId() + " cannot be found.");
        }
        AccessKey.LastUsed used = key.lastUsed;
        AccessKeyLastUsed.Builder b = AccessKeyLastUsed.builder().serviceName("N/A").region("N/A");
        if (used != null) {
            b.lastUsedDate(used.date()).serviceName(used.serviceName()).region(used.region());
        }
        String userName;
        synchronized (account) {
            userName = key.user.name;
        }
        return GetAccessKeyLastUsedResponse.builder().userName(userName).accessKeyLastUsed(b.build()).build();
    }

    public DeleteAccessKeyResponse deleteAccessKey(DeleteAccessKeyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = user(account, r.userName());
            AccessKey key = key(user, r.accessKeyId());
            user.keys.remove(key.id);
            store.removeKey(key.id);
            return DeleteAccessKeyResponse.builder().build();
        }
    }


    /** The named user, or without a name the user whose key signed the request. Caller holds the lock. */
    static User user(IamStore.Account account, String name) {
        if (name != null) {
            return Users.require(account, name);
        }
        User caller = Users.caller(account);
        if (caller == null) {
            // Root's own access keys are not emulated.
            throw IamErrors.validation("Must specify userName when calling with non-User credentials");
        }
        return caller;
    }

    private static AccessKey key(User user, String id) {
        AccessKey key = user.keys.get(id);
        if (key == null) {
            throw IamErrors.noSuchEntity("The Access Key with id " + id + " cannot be found.");
        }
        return key;
    }
}
