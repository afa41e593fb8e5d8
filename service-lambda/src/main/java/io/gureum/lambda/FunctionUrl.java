package io.gureum.lambda;

import software.amazon.awssdk.services.lambda.model.Cors;

/**
 * A function URL's configuration (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html).
 *
 * @param urlId     the 32-character host label Lambda gives the URL
 * @param qualifier null for the unqualified function, else an alias name
 */
record FunctionUrl(String urlId, String account, String region, String functionName, String qualifier,
        String authType, Cors cors, String invokeMode, String creationTime, String lastModifiedTime) {

    String functionArn() {
        String arn = FunctionLookup.functionArn(account, region, functionName);
        return qualifier == null ? arn : arn + ":" + qualifier;
    }

    FunctionUrl with(String newAuthType, Cors newCors, String newInvokeMode, String modified) {
        return new FunctionUrl(urlId, account, region, functionName, qualifier,
                newAuthType == null ? authType : newAuthType, newCors == null ? cors : newCors,
                newInvokeMode == null ? invokeMode : newInvokeMode, creationTime, modified);
    }
}
