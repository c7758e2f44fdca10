#!/bin/sh
# The compose file's Kafka broker (apache/kafka image): one KRaft node whose client listener is
# SASL_PLAINTEXT with SCRAM-SHA-512, like deploy/local's. The users are created when the data volume
# is formatted (first start): coc-admin (the broker itself) and coc (the apps), their passwords read
# from the Docker secrets kafka-admin-password and kafka-client-password (letters and digits).
set -eu
admin_password="$(cat /run/secrets/kafka-admin-password)"
client_password="$(cat /run/secrets/kafka-client-password)"
config=/tmp/server.properties
umask 077
cat >"$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=SASL_PLAINTEXT://kafka:9092
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="coc-admin" password="$admin_password";
log.dirs=/var/lib/kafka/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
auto.create.topics.enable=false
log.retention.hours=168
PROPERTIES
# The health check's client settings (kafka-broker-api-versions.sh --command-config).
cat >/tmp/client.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="coc-admin" password="$admin_password";
PROPERTIES
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /opt/kafka/bin/kafka-storage.sh format --config "$config" \
    --cluster-id "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" \
    --add-scram "SCRAM-SHA-512=[name=coc-admin,password=$admin_password]" \
    --add-scram "SCRAM-SHA-512=[name=coc,password=$client_password]"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$config"
