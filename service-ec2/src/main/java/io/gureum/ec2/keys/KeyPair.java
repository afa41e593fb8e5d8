package io.gureum.ec2.keys;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;

/** A stored key pair: its name, type, fingerprint and public key (EC2 never keeps the private half). */
final class KeyPair extends Registered {
    final String name;
    final SshPublicKey publicKey;

    KeyPair(String id, String ownerId, String region, Instant created, String name, SshPublicKey publicKey) {
        super(id, ownerId, region, created);
        this.name = name;
        this.publicKey = publicKey;
    }

    @Override
    public String resourceType() {
        return "key-pair";
    }
}
