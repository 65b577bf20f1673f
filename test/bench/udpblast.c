// SPDX-License-Identifier: GPL-2.0
/*
 * udpblast - small UDP packets for the benchmark.
 *
 *   udpblast send DST PORT SECONDS [SPORTS DPORTS [START]]
 *       Sends 18-byte UDP payloads to DST as fast as it can for SECONDS.
 *       With SPORTS and DPORTS, walks the (source port, destination port)
 *       pairs 1024..1024+SPORTS-1 x PORT..PORT+DPORTS-1 from pair number
 *       START (a raw socket writes the UDP header), so every packet of the
 *       first round opens a new session. Prints packets sent.
 *   udpblast recv ADDR PORT SECONDS
 *       Counts datagrams received on ADDR#PORT during SECONDS (from the first
 *       one), prints the count.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int addr_of(const char *s, int port, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET6, s, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		*len = sizeof(*s6);
		return AF_INET6;
	}
	if (inet_pton(AF_INET, s, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		*len = sizeof(*s4);
		return AF_INET;
	}
	fprintf(stderr, "udpblast: bad address %s\n", s);
	exit(2);
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char buf[2048] = "udpblast payload!";
	unsigned long n = 0;
	double end, secs;
	int fam, fd, port;

	if (argc < 5) {
		fprintf(stderr, "usage: udpblast send|recv ADDR PORT SECONDS [SPORTS DPORTS]\n");
		return 2;
	}
	port = atoi(argv[3]);
	secs = atof(argv[4]);
	fam = addr_of(argv[2], port, &ss, &len);
	if (!strcmp(argv[1], "recv")) {
		fd = socket(fam, SOCK_DGRAM, 0);
		int big = 8 << 20;

		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
		if (fd < 0 || bind(fd, (struct sockaddr *)&ss, len)) {
			perror("udpblast recv");
			return 1;
		}
		struct timeval tv = { .tv_sec = 3 };

		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		if (recv(fd, buf, sizeof(buf), 0) < 0)
			return printf("0\n"), 0;
		n = 1;
		end = now() + secs;
		while (now() < end)
			if (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
				n++;
		printf("%lu\n", n);
		return 0;
	}
	if (argc >= 7) {
		/* Raw: we write the UDP header; the kernel computes the checksum (IPv6). */
		unsigned int sports = atoi(argv[5]), dports = atoi(argv[6]);
		unsigned long i = argc >= 8 ? strtoul(argv[7], NULL, 10) : 0;
		struct udphdr *uh = (struct udphdr *)buf;
		int off = 2 + 4;	/* IPV6_CHECKSUM offset of uh->check */

		fd = socket(fam, SOCK_RAW, IPPROTO_UDP);
		if (fd < 0 || fam != AF_INET6) {
			perror("udpblast raw (IPv6 only)");
			return 1;
		}
		setsockopt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, &off, sizeof(off));
		end = now() + secs;
		while (now() < end) {
			uh->source = htons(1024 + (i / dports) % sports);
			uh->dest = htons(port + i % dports);
			uh->len = htons(8 + 18);
			uh->check = 0;
			memcpy(buf + 8, "udpblast payload!!", 18);
			((struct sockaddr_in6 *)&ss)->sin6_port = 0;
			if (sendto(fd, buf, 8 + 18, 0, (struct sockaddr *)&ss, len) > 0)
				n++;
			i++;
		}
		printf("%lu\n", n);
		return 0;
	}
	fd = socket(fam, SOCK_DGRAM, 0);
	end = now() + secs;
	while (now() < end)
		if (sendto(fd, buf, 18, 0, (struct sockaddr *)&ss, len) > 0)
			n++;
	printf("%lu\n", n);
	return 0;
}
