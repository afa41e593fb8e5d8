package io.gureum.ec2;

import io.gureum.core.Gureum;
import io.gureum.core.spi.Caller;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Makes the server's first in-process EC2 client before a test's first HTTP call: making it loads every
 * model class of the 800-operation interface once, which on a loaded machine can outlast the test SDK
 * client's 30-second read timeout when it happens inside a request.
 */
final class InProcessWarmUp {
    private InProcessWarmUp() {
    }

    static void ec2(Gureum gureum) {
        gureum.context().clients().client(Ec2Client.class, Caller.root("123456789012", "ap-northeast-2"));
    }
}
