package io.gureum.iam;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.ServiceContext;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.model.*;

/**
 * Users' SSH public keys for CodeCommit (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_ssh-keys.html):
 * at most five per user, {@code APKA…} IDs, answered in the encoding asked for (SSH or PEM).
 */
final class SshPublicKeys extends Family {
    static final int MAX_PER_USER = 5;

    SshPublicKeys(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public UploadSshPublicKeyResponse uploadSSHPublicKey(UploadSshPublicKeyRequest r) {
        RSAPublicKey key = SshKeyFormat.parse(r.sshPublicKeyBody());
        String fingerprint = SshKeyFormat.fingerprint(key);
        IamStore.Account account = account();
        synchronized (account) {
            User user = Users.require(account, r.userName());
            for (UserCredential c : user.sshPublicKeys.values()) {
                if (c.fingerprint.equals(fingerprint)) {
                    throw ModeledErrors.of(DuplicateSshPublicKeyException.class, "The request was rejected because "
                            + "the SSH public key is already associated with the specified IAM user.");
                }
            }
            if (user.sshPublicKeys.size() >= MAX_PER_USER) {
                throw IamErrors.quota("SSHPublicKeysPerUser", MAX_PER_USER);
            }
            UserCredential c = new UserCredential(ids.unique(IamIds.SSH_PUBLIC_KEY), r.sshPublicKeyBody(), fingerprint,
                    now());
            user.sshPublicKeys.put(c.id, c);
            return UploadSshPublicKeyResponse.builder().sshPublicKey(sdk(user, c, c.body)).build();
        }
    }

    public GetSshPublicKeyResponse getSSHPublicKey(GetSshPublicKeyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = Users.require(account, r.userName());
            UserCredential c = require(user, r.sshPublicKeyId());
            RSAPublicKey key = SshKeyFormat.parse(c.body);
            String body = r.encodingAsString().equals("PEM") ? SshKeyFormat.pem(key) : SshKeyFormat.ssh(key);
            return GetSshPublicKeyResponse.builder().sshPublicKey(sdk(user, c, body)).build();
        }
    }

    public ListSshPublicKeysResponse listSSHPublicKeys(ListSshPublicKeysRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = r.userName() != null ? Users.require(account, r.userName()) : Users.caller(context, account);
            List<SSHPublicKeyMetadata> out = new ArrayList<>();
            if (user != null) {
                for (UserCredential c : user.sshPublicKeys.values()) {
                    out.add(SSHPublicKeyMetadata.builder().userName(user.name).sshPublicKeyId(c.id).status(c.status)
                            .uploadDate(c.uploaded).build());
                }
            }
            Paging<SSHPublicKeyMetadata> page = Paging.page(out, SSHPublicKeyMetadata::sshPublicKeyId, r.marker(),
                    r.maxItems());
            return ListSshPublicKeysResponse.builder().sshPublicKeys(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    public UpdateSshPublicKeyResponse updateSSHPublicKey(UpdateSshPublicKeyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            require(Users.require(account, r.userName()), r.sshPublicKeyId()).status = r.statusAsString();
            return UpdateSshPublicKeyResponse.builder().build();
        }
    }

    public DeleteSshPublicKeyResponse deleteSSHPublicKey(DeleteSshPublicKeyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = Users.require(account, r.userName());
            user.sshPublicKeys.remove(require(user, r.sshPublicKeyId()).id);
            return DeleteSshPublicKeyResponse.builder().build();
        }
    }

    private static UserCredential require(User user, String id) {
        UserCredential c = user.sshPublicKeys.get(id);
        if (c == null) {
            throw IamErrors.noSuchEntity("The Public Key with id " + id + " cannot be found.");
        }
        return c;
    }

    private static SSHPublicKey sdk(User user, UserCredential c, String body) {
        return SSHPublicKey.builder().userName(user.name).sshPublicKeyId(c.id).fingerprint(c.fingerprint)
                .sshPublicKeyBody(body).status(c.status).uploadDate(c.uploaded).build();
    }
}
