package dev.foresight.alerts.internal;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * E-mail through Spring Mail: the channel's own SMTP server when it names one (checked by the SSRF guard, and
 * connected to by the checked address), else the server's {@code spring.mail.*} settings, else the outbox — so a
 * fresh installation shows what it would have sent.
 */
@Component
public class Mailer {

    private final OutboundGuard guard;
    private final ObjectProvider<JavaMailSender> configured;
    private final JdbcClient jdbc;
    private final AlertsProperties properties;

    Mailer(
            OutboundGuard guard,
            ObjectProvider<JavaMailSender> configured,
            JdbcClient jdbc,
            AlertsProperties properties) {
        this.guard = guard;
        this.configured = configured;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Which delivery the outbox row belongs to; set by the delivery worker for the current attempt. */
    static final ThreadLocal<UUID> DELIVERY = new ThreadLocal<>();

    SendResult send(ChannelRecord channel, ChannelRecord.Secrets secrets, String subject, String text) {
        var settings = channel.settings();
        var to = settings.to().toArray(String[]::new);
        var from = settings.from() == null ? "foresight@localhost" : settings.from();
        var summary = "SMTP to " + settings.to().size() + " recipient(s), subject \"" + subject + "\"";
        JavaMailSender sender;
        if (settings.smtpHost() != null && !settings.smtpHost().isBlank()) {
            String address;
            try {
                address = guard.checkHost(settings.smtpHost())[0].getHostAddress();
            } catch (OutboundGuard.RefusedTarget refused) {
                return SendResult.failed(summary, null, "Refused: " + refused.getMessage());
            }
            var smtp = new JavaMailSenderImpl();
            smtp.setHost(address);
            smtp.setPort(settings.smtpPort() == null ? 587 : settings.smtpPort());
            var props = new Properties();
            props.put(
                    "mail.smtp.connectiontimeout",
                    String.valueOf(properties.connectTimeout().toMillis()));
            props.put(
                    "mail.smtp.timeout",
                    String.valueOf(properties.requestTimeout().toMillis()));
            props.put(
                    "mail.smtp.writetimeout",
                    String.valueOf(properties.requestTimeout().toMillis()));
            if (Boolean.TRUE.equals(settings.smtpStartTls())) {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            if (settings.smtpUsername() != null) {
                smtp.setUsername(settings.smtpUsername());
                smtp.setPassword(secrets.smtpPassword());
                props.put("mail.smtp.auth", "true");
            }
            smtp.setJavaMailProperties(props);
            sender = smtp;
            summary = "SMTP " + settings.smtpHost() + ":" + smtp.getPort() + " to "
                    + settings.to().size() + " recipient(s), subject \"" + subject + "\"";
        } else {
            sender = configured.getIfAvailable();
        }
        if (sender == null) {
            jdbc.sql(
                            """
                            insert into alert_outbox (id, workspace_id, delivery_id, channel_id, recipients, subject,
                                body, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            UUID.randomUUID(),
                            channel.workspaceId(),
                            DELIVERY.get(),
                            channel.id(),
                            String.join(", ", settings.to()),
                            subject,
                            text,
                            java.sql.Timestamp.from(Instant.now()))
                    .update();
            return new SendResult("Outbox: no SMTP server is configured", null, null, null, true);
        }
        var mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to);
        mail.setSubject(subject);
        mail.setText(text);
        try {
            sender.send(mail);
            return SendResult.ok(summary, 250);
        } catch (MailAuthenticationException e) {
            return SendResult.failed(summary, null, "The SMTP server refused the sign-in.");
        } catch (MailException e) {
            return SendResult.failed(summary, null, "The SMTP server refused: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        var message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return OutboundHttp.abbreviate(message.strip(), 300);
    }
}
