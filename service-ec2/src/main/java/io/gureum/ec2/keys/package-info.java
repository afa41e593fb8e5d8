/**
 * EC2 key pairs (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html): real RSA and
 * ED25519 key material made with the JDK alone, the fingerprints AWS computes, and the public key
 * formats ImportKeyPair accepts.
 */
package io.gureum.ec2.keys;
