package io.sluice.test.s3mock;

import java.net.InetAddress;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Binds S3Mock's plain-HTTP connector to 127.0.0.1. S3Mock adds that connector itself with a port
 * and no address, so Tomcat would listen on every interface; {@code server.address} only reaches
 * the main (HTTPS) connector. This initializer changes the
 * connector before the web server starts, so nothing ever listens beyond loopback. Registered through
 * {@code META-INF/spring.factories}: Spring Boot 3.5 no longer reads {@code context.initializer.classes}.
 */
public final class LoopbackConnectors implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof TomcatServletWebServerFactory factory) {
          for (Connector connector : factory.getAdditionalTomcatConnectors()) {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
              protocol.setAddress(InetAddress.getLoopbackAddress());
            }
          }
        }
        return bean;
      }
    });
  }
}
