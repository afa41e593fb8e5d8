package io.gureum.iam;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An IAM user. Guarded by its account's lock. */
final class User extends Principal {
    /** A console password's metadata; the password itself is not kept. */
    record LoginProfile(Instant created, boolean passwordResetRequired, String passwordHash) {
    }


    /** Access keys by ID, oldest first. */
    final Map<String, AccessKey> keys = new LinkedHashMap<>();
    LoginProfile loginProfile;
    /** X.509 signing certificates by ID, oldest first. */
    final Map<String, UserCredential> signingCertificates = new LinkedHashMap<>();
    /** SSH public keys by ID, oldest first. */
    final Map<String, UserCredential> sshPublicKeys = new LinkedHashMap<>();
    /** Service-specific credentials by ID, oldest first. */
    final Map<String, ServiceCredential> serviceCredentials = new LinkedHashMap<>();
    /** When the password was last used to sign in, or null (never, or not recorded). */
    Instant passwordLastUsed;

    User(String name, String path, String id, String arn, Instant created) {
        super(name, path, id, arn, created);
    }
}
