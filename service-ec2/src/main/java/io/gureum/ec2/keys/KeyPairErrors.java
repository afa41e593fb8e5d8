package io.gureum.ec2.keys;

import io.gureum.core.error.AwsException;

/**
 * The key pair errors of the EC2 error code reference
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html), worded as EC2 words them.
 */
final class KeyPairErrors {
    private KeyPairErrors() {
    }

    static AwsException duplicate(String name) {
        return new AwsException("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.", 400);
    }

    static AwsException notFound(String name) {
        return new AwsException("InvalidKeyPair.NotFound", "The key pair '" + name + "' does not exist", 400);
    }

    static AwsException idNotFound(String id) {
        return new AwsException("InvalidKeyPair.NotFound", "The key pair ID '" + id + "' does not exist", 400);
    }

    static AwsException badFormat() {
        return new AwsException("InvalidKey.Format", "Key is not in valid OpenSSH public key format", 400);
    }
}
