// SPDX-License-Identifier: GPL-2.0
/*
 * udpblast - small UDP packets for the benchmark, and the counter that
 * measures them.
 *
 *   udpblast send DST PORT SECONDS
 *       Sends 18-byte UDP payloads from one socket (one flow) to DST#PORT as
 *       fast as it can for SECONDS. Prints packets sent.
 *   udpblast walk [-s SPORTS] [-d DPORTS] [-p SPORT] [-i START] [-x]
 *                 [-a SRC -n NSRC] DST PORT SECONDS
 *       The same from a raw socket that writes the UDP header, so that every
 *       packet may be another flow: packet number i (from START) is pair i
 *       of the walk over source addresses x source ports x destination
 *       ports, wrapping around after NSRC x SPORTS x DPORTS pairs. Source
 *       ports are SPORT (1024) .. SPORT+SPORTS-1, destination ports PORT ..
 *       PORT+DPORTS-1, source addresses (with -a) SRC .. SRC+NSRC-1 (any
 *       address: the socket is IPV6_FREEBIND). The destination port turns
 *       fastest, so a fill creates DPORTS sessions per mapping; with -x the
 *       source port turns fastest, so consecutive packets belong to
 *       different mappings (lookups spread over the whole table, not one
 *       hot entry). Prints packets sent; IPv6 only.
 *   udpblast count FILE SECONDS [CPU]
 *       Reads the counter in FILE (an interface's statistics, e.g.
 *       tx_packets) now and after SECONDS; prints the increase per second
 *       over the time really elapsed. Nothing per packet: the receiving
 *       side costs the measured CPUs nothing. With CPU, also the fraction
 *       of that time CPU was busy (not idle, per /proc/stat) and the rate
 *       divided by it: packets per busy CPU-second, the CPU's capacity
 *       when it did all the work for those packets.
 */
#define _GNU_SOURCE	/* struct in6_pktinfo */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD "udpblast payload!!"	/* 18 bytes: 64-byte IPv4 frames */
#define PAYLOAD_LEN 18

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fprintf(stderr, "usage: udpblast send DST PORT SECONDS\n"
		"       udpblast walk [-s SPORTS] [-d DPORTS] [-p SPORT] [-i START] [-x]"
		" [-a SRC -n NSRC] DST PORT SECONDS\n"
		"       udpblast count FILE SECONDS [CPU]\n");
	exit(2);
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

static int do_send(char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	unsigned long n = 0;
	double end;
	int fd;

	fd = socket(addr_of(argv[0], atoi(argv[1]), &ss, &len), SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len)) {
		perror("udpblast send");
		return 1;
	}
	end = now() + atof(argv[2]);
	while (now() < end)
		if (send(fd, PAYLOAD, PAYLOAD_LEN, 0) > 0)
			n++;
	printf("%lu\n", n);
	return 0;
}

/* The source address of pair number k of NSRC: SRC plus k, in its low 32 bits. */
static void nth_addr(struct in6_addr *a, const struct in6_addr *base, unsigned int k)
{
	uint32_t low;

	*a = *base;
	memcpy(&low, &a->s6_addr[12], 4);
	low = htonl(ntohl(low) + k);
	memcpy(&a->s6_addr[12], &low, 4);
}

static int do_walk(int argc, char **argv)
{
	unsigned long sports = 1, dports = 1, nsrc = 1, sport0 = 1024, i = 0, n = 0;
	struct sockaddr_storage ss;
	struct in6_addr src0 = IN6ADDR_ANY_INIT;
	int spread = 0, has_src = 0, opt, fd, on = 1;
	int off = offsetof(struct udphdr, check);	/* the kernel computes it */
	char buf[8 + PAYLOAD_LEN];
	struct udphdr *uh = (struct udphdr *)buf;
	union {
		char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
		struct cmsghdr align;
	} cbuf;
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct in6_pktinfo *pi;
	socklen_t len;
	double end;
	int port;

	while ((opt = getopt(argc, argv, "s:d:p:i:xa:n:")) != -1) {
		switch (opt) {
		case 's': sports = strtoul(optarg, NULL, 10); break;
		case 'd': dports = strtoul(optarg, NULL, 10); break;
		case 'p': sport0 = strtoul(optarg, NULL, 10); break;
		case 'i': i = strtoul(optarg, NULL, 10); break;
		case 'x': spread = 1; break;
		case 'n': nsrc = strtoul(optarg, NULL, 10); break;
		case 'a':
			if (inet_pton(AF_INET6, optarg, &src0) != 1)
				usage();
			has_src = 1;
			break;
		default: usage();
		}
	}
	if (argc - optind != 3 || !sports || !dports || !nsrc || sport0 + sports > 65536)
		usage();
	port = atoi(argv[optind + 1]);
	if (addr_of(argv[optind], 0, &ss, &len) != AF_INET6 || port + dports > 65536)
		usage();
	fd = socket(AF_INET6, SOCK_RAW, IPPROTO_UDP);
	if (fd < 0 || setsockopt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, &off, sizeof(off))
	    || setsockopt(fd, IPPROTO_IPV6, IPV6_FREEBIND, &on, sizeof(on))) {
		perror("udpblast walk");
		return 1;
	}
	mh.msg_name = &ss;
	mh.msg_namelen = len;
	if (has_src) {
		struct cmsghdr *cm;

		memset(&cbuf, 0, sizeof(cbuf));
		mh.msg_control = cbuf.buf;
		mh.msg_controllen = sizeof(cbuf.buf);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = IPPROTO_IPV6;
		cm->cmsg_type = IPV6_PKTINFO;
		cm->cmsg_len = CMSG_LEN(sizeof(*pi));
		pi = (struct in6_pktinfo *)CMSG_DATA(cm);
	}
	memcpy(buf + 8, PAYLOAD, PAYLOAD_LEN);
	uh->len = htons(sizeof(buf));
	end = now() + atof(argv[optind + 2]);
	while (now() < end) {
		unsigned long sp, dp, sa;

		if (spread) {
			sp = i % sports;
			sa = i / sports % nsrc;
			dp = i / sports / nsrc % dports;
		} else {
			dp = i % dports;
			sp = i / dports % sports;
			sa = i / dports / sports % nsrc;
		}
		uh->source = htons(sport0 + sp);
		uh->dest = htons(port + dp);
		uh->check = 0;
		if (has_src)
			nth_addr(&pi->ipi6_addr, &src0, sa);
		if (sendmsg(fd, &mh, 0) > 0)
			n++;
		i++;
	}
	printf("%lu\n", n);
	return 0;
}

static unsigned long long read_counter(const char *file)
{
	unsigned long long v = 0;
	FILE *f = fopen(file, "r");

	if (!f || fscanf(f, "%llu", &v) != 1) {
		perror(file);
		exit(1);
	}
	fclose(f);
	return v;
}

/* Jiffies of cpu<CPU> in /proc/stat: all of them in *total, the busy ones in *busy. */
static void read_cpu(int cpu, unsigned long long *total, unsigned long long *busy)
{
	unsigned long long v[10] = { 0 };
	char name[16], want[16];
	FILE *f = fopen("/proc/stat", "r");
	int i;

	snprintf(want, sizeof(want), "cpu%d", cpu);
	while (f && fscanf(f, "%15s", name) == 1) {
		if (!strcmp(name, want)) {
			for (i = 0; i < 10; i++)
				if (fscanf(f, "%llu", &v[i]) != 1)
					break;
			fclose(f);
			*total = 0;
			for (i = 0; i < 8; i++)	/* guest time is in user already */
				*total += v[i];
			*busy = *total - v[3] - v[4];	/* less idle and iowait */
			return;
		}
		if (fscanf(f, "%*[^\n]") < 0)
			break;
	}
	fprintf(stderr, "udpblast: no %s in /proc/stat\n", want);
	exit(1);
}

static int do_count(int argc, char **argv)
{
	unsigned long long c0, c1, tot0 = 0, tot1 = 0, busy0 = 0, busy1 = 0;
	int cpu = argc > 2 ? atoi(argv[2]) : -1;
	struct timespec ts;
	double t0, t1, secs = atof(argv[1]), rate, frac;

	if (cpu >= 0)
		read_cpu(cpu, &tot0, &busy0);
	t0 = now();
	c0 = read_counter(argv[0]);
	ts.tv_sec = (time_t)secs;
	ts.tv_nsec = (long)((secs - ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
	c1 = read_counter(argv[0]);
	t1 = now();
	rate = (c1 - c0) / (t1 - t0);
	if (cpu < 0) {
		printf("%.0f\n", rate);
		return 0;
	}
	read_cpu(cpu, &tot1, &busy1);
	frac = tot1 > tot0 ? (double)(busy1 - busy0) / (tot1 - tot0) : 0;
	printf("%.0f %.2f %.0f\n", rate, frac, frac > 0 ? rate / frac : 0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "send") && argc == 5)
		return do_send(argv + 2);
	if (!strcmp(argv[1], "walk"))
		return do_walk(argc - 1, argv + 1);
	if (!strcmp(argv[1], "count") && (argc == 4 || argc == 5))
		return do_count(argc - 2, argv + 2);
	usage();
	return 2;
}
