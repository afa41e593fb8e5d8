package io.gureum.core.spi;

import java.util.function.Function;

/**
 * One operation call to authorise: which API and operation, the built request object (the SDK's request
 * POJO, whose fields name the resources), the API's wire protocol (a denial answers in it), and a way to
 * find the owner and resource-based policy of any resource of this server by ARN.
 *
 * @param api the API's name ({@code sqs}, {@code eventbridge})
 * @param protocol the API's protocol as its model names it ({@code query}, {@code json}, {@code rest-xml} …)
 * @param operation the operation's name ({@code CreateQueue})
 * @param request the SDK request object
 * @param resources the owner and policy of a resource by ARN, asked of the API that serves it; null when no
 *     API of this server has it
 */
public record AuthorizationCall(String api, String protocol, String operation, Object request,
        Function<String, ResourceAccess> resources) {
}
