package dev.foresight.alerts.internal;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The guard, the sealing key and the HTTP client, built once from the alert settings. */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

    @Bean
    SecretBox alertSecretBox(AlertsProperties properties, @Value("${foresight.data-dir}") Path dataDir) {
        return SecretBox.fromConfiguration(properties, dataDir);
    }

    @Bean
    OutboundGuard alertOutboundGuard(AlertsProperties properties) {
        return new OutboundGuard(properties.allowedPrivateNetworks());
    }

    @Bean
    OutboundHttp alertOutboundHttp(OutboundGuard guard, AlertsProperties properties) {
        return new OutboundHttp(guard, properties.connectTimeout(), properties.requestTimeout());
    }
}
