# SPDX-License-Identifier: GPL-2.0
#
# make              build jool.ko (for KVER, default the running kernel) and the CLI
# make module       only the kernel module; KDIR=<tree> or KVER=<release>
# make cli          only the userspace tool, usr/jool, and libxt_JOOL.so (iptables)
# make install      install module (+depmod), CLI, iptables extension, man page,
#                   bash completion and the systemd unit (jool.service)
# make uninstall    remove all of that again
# make test         the whole test suite: unit tests, then both kernels in qemu
# make demo         boot a guest and show a client reaching a server through jool
#
KVER    ?= $(shell uname -r)
KDIR    ?= /lib/modules/$(KVER)/build
PREFIX  ?= /usr/local
DESTDIR ?=
UNITDIR ?= /etc/systemd/system

.PHONY: all module cli unit test demo install install-module install-cli uninstall clean clean-module

all: module cli

module:
	@test -d $(KDIR) || { echo "No kernel tree at $(KDIR): install linux-headers-$(KVER), or pass KVER=<release> or KDIR=<tree>." >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean-module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean

cli:
	$(MAKE) -C usr
	$(MAKE) -C usr/xt

unit:
	$(MAKE) -C test/unit run

test:
	test/run-all

demo:
	test/vm/demo

install: install-module install-cli

install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=extra INSTALL_MOD_PATH=$(DESTDIR) modules_install
	$(if $(DESTDIR),,depmod -a $(KVER))

install-cli: cli
	install -D -m 0755 usr/jool $(DESTDIR)$(PREFIX)/sbin/jool
	install -D -m 0644 usr/jool.8 $(DESTDIR)$(PREFIX)/share/man/man8/jool.8
	install -D -m 0644 usr/jool.bash-completion $(DESTDIR)$(PREFIX)/share/bash-completion/completions/jool
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|/usr/local/sbin/jool|$(PREFIX)/sbin/jool|g' usr/jool.service > $(DESTDIR)$(UNITDIR)/jool.service
	$(MAKE) -C usr/xt install

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/sbin/jool $(DESTDIR)$(PREFIX)/share/man/man8/jool.8
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/jool
	rm -f $(DESTDIR)$(UNITDIR)/jool.service
	$(MAKE) -C usr/xt uninstall
	rm -f $(DESTDIR)/lib/modules/$(KVER)/extra/jool.ko
	$(if $(DESTDIR),,depmod -a $(KVER))

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C usr clean
	$(MAKE) -C usr/xt clean
	$(MAKE) -C test/unit clean
	rm -rf build
